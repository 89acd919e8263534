// Set-up of bench/keep-alive.bench.ts: live refresh tokens from the emulator, and as many users
// and grants in the database, each refresh token sealed by the vault's own cipher and bound to
// its grant exactly as GrantVault binds it, created three days ago so every grant is due.
import { createSecretKey, randomUUID } from 'node:crypto';
import pg from 'pg';
import { insertEnvelopes } from '../apps/seed/src/seed-grants.js';
import { refreshTokenIdentifier, tokenBinding } from '../libs/offline-access/src/grant-vault.js';
import { EnvelopeCipher } from '../libs/vault/src/envelope-cipher.js';
import { Keyring } from '../libs/vault/src/keyring.js';

const BATCH = 1_000;
// As the product stores them (Google's full names, sorted), so a refresh that hands back the same
// scopes leaves the column, and its index, as they were.
const SCOPES = [
  'openid',
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/userinfo.profile',
  'https://www.googleapis.com/auth/gmail.send',
].sort();

/** Refresh tokens the emulator knows, in bulk (`POST /__control/refresh-tokens`). */
export async function mintRefreshTokens(emulatorUrl: string, count: number): Promise<string[]> {
  const response = await fetch(`${emulatorUrl}/__control/refresh-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count, scopes: SCOPES }),
  });
  if (!response.ok) throw new Error(`refresh-tokens: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { refresh_tokens: string[] }).refresh_tokens;
}

/**
 * One synthetic user (distinct `google_sub`) and one active grant per refresh token, for
 * `clientId`, created three days ago and never refreshed.
 */
export async function insertGrants(
  url: string,
  vaultKey: Buffer,
  clientId: string,
  refreshTokens: readonly string[],
): Promise<void> {
  const cipher = new EnvelopeCipher(
    new Keyring([{ version: 1, key: createSecretKey(vaultKey) }], 1),
  );
  await withClient(url, async (client) => {
    for (let start = 0; start < refreshTokens.length; start += BATCH) {
      const tokens = refreshTokens.slice(start, start + BATCH);
      const users = tokens.map(() => randomUUID());
      const grants = tokens.map(() => randomUUID());
      const envelopes = tokens.map(() => randomUUID());
      const sealed = tokens.map((token, i) =>
        cipher.seal(envelopes[i], token, tokenBinding(grants[i], users[i], 'refresh')),
      );
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO users (id, google_sub, email, email_verified, name)
         SELECT id, 'bench-' || id, 'bench-' || id || '@example.com', true, 'Bench User'
           FROM unnest($1::uuid[]) AS id`,
        [users],
      );
      await insertEnvelopes(
        client,
        sealed.map((envelope, i) => ({ id: envelopes[i], envelope })),
      );
      await client.query(
        `INSERT INTO grants
           (id, user_id, client_id, scopes, refresh_token_envelope_id, refresh_token_identifier,
            refresh_tokens_issued, created_at, updated_at)
         SELECT id, user_id, $4, $5::text[], envelope_id, identifier, 1,
                now() - interval '3 days', now() - interval '3 days'
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $6::text[])
                AS g(id, user_id, envelope_id, identifier)`,
        [grants, users, envelopes, clientId, SCOPES, tokens.map(refreshTokenIdentifier)],
      );
      await client.query('COMMIT');
    }
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
