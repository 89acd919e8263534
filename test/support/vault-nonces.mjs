// One OS process of the nonce-uniqueness test: seals the same plaintext COUNT times with the
// compiled cipher (dist/, as production runs it) and writes every nonce it drew — the secret's
// and the wrapped data key's — and each ciphertext as hex lines to stdout.
import { Buffer } from 'node:buffer';
import { createSecretKey } from 'node:crypto';
import { EnvelopeCipher } from '../../dist/libs/vault/src/envelope-cipher.js';
import { Keyring } from '../../dist/libs/vault/src/keyring.js';

const [count, kek] = [Number(process.argv[2]), process.argv[3]];
const keyring = new Keyring(
  [{ version: 1, key: createSecretKey(Buffer.from(kek, 'base64url')) }],
  1,
);
const cipher = new EnvelopeCipher(keyring);
const binding = { purpose: 'nonce_test', owner: 'grant:same' };
const id = '00000000-0000-4000-8000-000000000000';

const lines = [`pid ${process.pid}`];
for (let i = 0; i < count; i++) {
  const sealed = cipher.seal(id, 'the same plaintext every time', binding);
  lines.push(
    `n ${sealed.nonce.toString('hex')}`,
    `k ${sealed.dataKeyNonce.toString('hex')}`,
    `c ${sealed.ciphertext.toString('hex')}`,
  );
  if (lines.length > 30_000) process.stdout.write(lines.splice(0).join('\n') + '\n');
}
process.stdout.write(lines.join('\n') + '\n');
