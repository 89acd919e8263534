// The vault's cipher (libs/vault EnvelopeCipher: a fresh data key per secret, wrapped by the
// KEK) sealing and opening a refresh-token-sized secret, against raw AES-256-GCM with KeyObjects
// in the same process and rounds. Two baselines:
//  - "raw envelope": the same two GCM operations (secret under a fresh data key, data key under
//    the KEK) written as plainly as node:crypto allows, with KeyObjects: what the vault adds
//    over the construction itself (binding encoding, checks, zeroing). Target ≥ 0.70.
//  - "raw single GCM": one encryption or decryption of the secret, for scale (an envelope is
//    two of them, so ≤ 0.5 of it by construction).
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto';
import { EnvelopeCipher } from '../libs/vault/src/envelope-cipher.js';
import { Keyring } from '../libs/vault/src/keyring.js';
import {
  type CaseResult,
  formatTable,
  formatTarget,
  measureSync,
  type Sample,
  settle,
  summarise,
} from './harness.js';

const ROUNDS = Number(process.env.BENCH_VAULT_ROUNDS ?? 30);
const TIMED = { durationMs: 100 };
const TARGET = 0.7;
/** A Google refresh token is ~100 characters. */
const SECRET = `1//0g${randomBytes(72).toString('base64url')}`;
const BINDING = { purpose: 'google_refresh_token', owner: 'grant:bench:user:bench' };
const AAD = Buffer.from('grantkeeper/vault/v1/secret|bench');
const KEY_AAD = Buffer.from('grantkeeper/vault/v1/data-key|bench|1');

export async function run(): Promise<void> {
  const kek = createSecretKey(randomBytes(32));
  const cipher = new EnvelopeCipher(new Keyring([{ version: 1, key: kek }], 1));
  const id = '00000000-0000-4000-8000-000000000000';
  const sealed = cipher.seal(id, SECRET, BINDING);
  const message = Buffer.from(SECRET);

  const gcmSeal = (key: ReturnType<typeof createSecretKey>, plaintext: Buffer, aad: Buffer) => {
    const nonce = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, nonce);
    c.setAAD(aad);
    const ciphertext = Buffer.concat([c.update(plaintext), c.final()]);
    return { nonce, ciphertext, tag: c.getAuthTag() };
  };
  const gcmOpen = (
    key: ReturnType<typeof createSecretKey>,
    box: { nonce: Buffer; ciphertext: Buffer; tag: Buffer },
    aad: Buffer,
  ) => {
    const d = createDecipheriv('aes-256-gcm', key, box.nonce);
    d.setAAD(aad);
    d.setAuthTag(box.tag);
    return Buffer.concat([d.update(box.ciphertext), d.final()]);
  };
  const rawSealEnvelope = () => {
    const dataKey = randomBytes(32);
    const secret = gcmSeal(createSecretKey(dataKey), message, AAD);
    return { secret, key: gcmSeal(kek, dataKey, KEY_AAD) };
  };
  const rawEnvelope = rawSealEnvelope();
  const rawOpenEnvelope = () =>
    gcmOpen(createSecretKey(gcmOpen(kek, rawEnvelope.key, KEY_AAD)), rawEnvelope.secret, AAD);
  const single = gcmSeal(kek, message, AAD);

  const cases: ReadonlyArray<readonly [string, () => unknown]> = [
    ['seal: raw single GCM', () => gcmSeal(kek, message, AAD)],
    ['seal: raw envelope', rawSealEnvelope],
    ['seal: vault EnvelopeCipher', () => cipher.seal(id, SECRET, BINDING)],
    ['open: raw single GCM', () => gcmOpen(kek, single, AAD)],
    ['open: raw envelope', rawOpenEnvelope],
    ['open: vault EnvelopeCipher', () => cipher.open(id, sealed, BINDING)],
  ];
  if (cipher.open(id, sealed, BINDING) !== SECRET || !rawOpenEnvelope().equals(message)) {
    throw new Error('the cases do not round-trip');
  }
  for (const [, fn] of cases) measureSync(fn, { durationMs: 200 }); // warm-up
  settle();
  const samples: Sample[][] = cases.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, [, fn]] of cases.entries()) samples[i].push(measureSync(fn, TIMED));
  }
  const results: CaseResult[] = cases.map(([name], i) => summarise(name, samples[i]));
  const byName = new Map(results.map((r) => [r.name, r]));
  console.log(
    `Vault: seal and open of a ${SECRET.length}-character secret, ${ROUNDS} interleaved rounds ` +
      `of ${TIMED.durationMs} ms per case, one process\n`,
  );
  for (const op of ['seal', 'open'] as const) {
    const rows = results.filter((r) => r.name.startsWith(op));
    console.log(formatTable(rows, byName.get(`${op}: raw envelope`)!));
    console.log('');
  }
  for (const op of ['seal', 'open'] as const) {
    const vault = byName.get(`${op}: vault EnvelopeCipher`)!;
    const raw = byName.get(`${op}: raw envelope`)!;
    console.log(
      formatTarget(
        `vault ${op} vs raw envelope (CPU)`,
        vault.opsPerCpuSecond / raw.opsPerCpuSecond,
        TARGET,
      ),
    );
  }
  console.log(
    `vault seal/s ÷ raw single GCM encryptions/s: ` +
      `${(byName.get('seal: vault EnvelopeCipher')!.opsPerCpuSecond / byName.get('seal: raw single GCM')!.opsPerCpuSecond).toFixed(2)}×; ` +
      `open: ${(byName.get('open: vault EnvelopeCipher')!.opsPerCpuSecond / byName.get('open: raw single GCM')!.opsPerCpuSecond).toFixed(2)}× (two GCM operations per envelope)`,
  );
  await Promise.resolve();
}
