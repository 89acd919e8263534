import { randomBytes, randomUUID } from 'node:crypto';
import { refreshTokenIdentifier, tokenBinding } from '@grantkeeper/offline-access';
import type { EnvelopeCipher, SealedEnvelope } from '@grantkeeper/vault';
import type pg from 'pg';
import { SCOPE, SEEDED_SUB_FROM } from './seed-vocabulary.js';

export type SeedGrantStatus = 'active' | 'revoked' | 'suspended';

/** Shares of grant statuses: most live, a fifth switched off or dead at Google, a few suspended. */
export function pickStatus(r: number): SeedGrantStatus {
  return r < 0.78 ? 'active' : r < 0.995 ? 'revoked' : 'suspended';
}

/** A refresh token shaped like Google's; it exists only in memory until it is sealed. */
function fakeRefreshToken(): string {
  return `1//0${randomBytes(72).toString('base64url')}`;
}

interface Batch {
  readonly userIds: string[];
  readonly grantIds: string[];
  readonly statuses: SeedGrantStatus[];
  readonly envelopeIds: Array<string | null>;
  readonly identifiers: Array<string | null>;
  readonly sealed: Array<{ id: string; envelope: SealedEnvelope }>;
}

/**
 * One grant each for the seeded users with `sub`s from..to, for `clientId`. A live grant
 * (`active`, `suspended`) holds its refresh token as a real vault envelope, sealed by the vault's
 * own cipher and bound as `GrantVault` binds it; a revoked grant was revoked at Google too, so
 * like the product it holds no envelope. Returns how many envelopes were written.
 */
export async function insertGrants(
  client: pg.ClientBase,
  cipher: EnvelopeCipher,
  range: { from: string; to: string },
  context: { clientId: string; adminId: string; now: Date },
): Promise<number> {
  const { rows } = await client.query<{ id: string }>(
    'SELECT id FROM users WHERE google_sub BETWEEN $1 AND $2 ORDER BY google_sub',
    [range.from, range.to],
  );
  const batch = sealBatch(
    cipher,
    rows.map((row) => row.id),
  );
  await insertEnvelopes(client, batch.sealed);
  await client.query(GRANTS_SQL, [
    batch.grantIds,
    batch.userIds,
    batch.statuses,
    batch.envelopeIds,
    batch.identifiers,
    context.clientId,
    context.now,
    context.adminId,
  ]);
  return batch.sealed.length;
}

function sealBatch(cipher: EnvelopeCipher, userIds: string[]): Batch {
  const batch: Batch = {
    userIds,
    grantIds: [],
    statuses: [],
    envelopeIds: [],
    identifiers: [],
    sealed: [],
  };
  for (const userId of userIds) {
    const grantId = randomUUID();
    const status = pickStatus(Math.random());
    batch.grantIds.push(grantId);
    batch.statuses.push(status);
    if (status === 'revoked') {
      batch.envelopeIds.push(null);
      batch.identifiers.push(null);
      continue;
    }
    const envelopeId = randomUUID();
    const token = fakeRefreshToken();
    const envelope = cipher.seal(envelopeId, token, tokenBinding(grantId, userId, 'refresh'));
    batch.envelopeIds.push(envelopeId);
    batch.identifiers.push(refreshTokenIdentifier(token));
    batch.sealed.push({ id: envelopeId, envelope });
  }
  return batch;
}

/** Refresh-token envelopes in one statement (the keep-alive benchmark's set-up uses it too). */
export async function insertEnvelopes(
  client: pg.ClientBase,
  sealed: ReadonlyArray<{ id: string; envelope: SealedEnvelope }>,
): Promise<void> {
  if (sealed.length === 0) return;
  const column = (pick: (e: SealedEnvelope) => Buffer | number) =>
    sealed.map(({ envelope }) => pick(envelope));
  await client.query(
    `INSERT INTO vault_envelopes
       (id, purpose, kek_version, data_key_nonce, wrapped_data_key, data_key_tag, nonce,
        ciphertext, tag)
     SELECT id, 'google_refresh_token', kek, dkn, wdk, dkt, n, c, t
       FROM unnest($1::uuid[], $2::int[], $3::bytea[], $4::bytea[], $5::bytea[], $6::bytea[],
                   $7::bytea[], $8::bytea[]) AS e(id, kek, dkn, wdk, dkt, n, c, t)`,
    [
      sealed.map((s) => s.id),
      column((e) => e.kekVersion),
      column((e) => e.dataKeyNonce),
      column((e) => e.wrappedDataKey),
      column((e) => e.dataKeyTag),
      column((e) => e.nonce),
      column((e) => e.ciphertext),
      column((e) => e.tag),
    ],
  );
}

/**
 * The grants of one batch. Dates follow the product's rules: created after the user; a live
 * grant is refreshed by the keep-alive sweep within 30 days, except the ~4 % whose refreshes keep
 * failing (150–180 days, of grants older than that, flagged `idle_near_expiry` as the sweep would flag them); ~1 % were
 * issued 50+ refresh tokens (`refresh_token_churn`); revoked grants were revoked by the user
 * (58 %), Google (35 %) or an admin, and confirmed at Google. No app is in Testing mode, so no
 * grant carries `testing_mode_expiry`.
 */
const GRANTS_SQL = `
  INSERT INTO grants
    (id, user_id, client_id, scopes, status, refresh_token_envelope_id, refresh_token_identifier,
     refresh_token_issued_at, health_flags, refresh_tokens_issued, created_at, updated_at,
     last_refreshed_at, last_used_at, failure_count, last_error, next_refresh_at, revoked_at,
     revoked_by, revocation_reason, upstream_revoked_at)
  SELECT id, user_id, $6, scopes, status, envelope_id, identifier,
         created_at,
         CASE WHEN status = 'revoked' THEN '{}'::text[] ELSE array_remove(ARRAY[
           CASE WHEN idle AND status = 'active' THEN 'idle_near_expiry' END,
           CASE WHEN churn THEN 'refresh_token_churn' END], NULL) END,
         CASE WHEN churn THEN 50 + floor(r_a * 40)::int ELSE 1 + floor(power(r_a, 4) * 3)::int END,
         created_at, greatest(created_at, refreshed_at, revoked_at), refreshed_at,
         CASE WHEN r_used >= 0.15
              THEN created_at + (coalesce(revoked_at, $7) - created_at) * (1 - power(r_used, 3)) END,
         CASE WHEN idle AND status = 'active' THEN 3 + floor(r_a * 20)::int ELSE 0 END,
         CASE WHEN idle AND status = 'active' THEN 'upstream_unavailable' END,
         CASE WHEN idle AND status = 'active' THEN $7 + r_a * interval '6 hours' END,
         revoked_at,
         CASE WHEN status <> 'revoked' THEN NULL
              WHEN r_by < 0.58 THEN 'user:' || user_id
              WHEN r_by < 0.93 THEN 'google'
              ELSE 'admin:' || $8 END,
         CASE WHEN status <> 'revoked' THEN NULL
              WHEN r_by < 0.58 THEN 'user_disconnected'
              WHEN r_by < 0.83 THEN 'invalid_grant'
              WHEN r_by < 0.93 THEN 'risc_tokens_revoked'
              WHEN r_by < 0.97 THEN 'account offboarding'
              ELSE 'suspected abuse' END,
         revoked_at + r_a * interval '2 seconds'
    FROM (SELECT g.*,
                 CASE WHEN status = 'revoked'
                      THEN created_at + (revoked_at - created_at) * r_ref
                      WHEN idle THEN $7 - (150 + r_ref * 30) * interval '1 day'
                      ELSE greatest(created_at, $7 - r_ref * interval '30 days') END AS refreshed_at
            FROM (SELECT g.*,
                         CASE WHEN status = 'revoked'
                              THEN created_at + ($7 - created_at) * random() END AS revoked_at,
                         idle_r AND status <> 'revoked' AND created_at < $7 - interval '180 days'
                           AS idle
                    FROM (SELECT i.*, u.created_at + ($7 - u.created_at) * power(random(), 3)
                                        AS created_at,
                                 random() AS r_a, random() AS r_by, random() AS r_used,
                                 random() AS r_ref, random() < 0.06 AS idle_r,
                                 random() < 0.01 AS churn,
                                 array_remove(ARRAY[
                                   CASE WHEN random() < 0.22 THEN '${SCOPE.calendar}' END,
                                   CASE WHEN random() < 0.07 THEN '${SCOPE.drive}' END,
                                   CASE WHEN random() < 0.92 THEN '${SCOPE.gmailSend}' END,
                                   '${SCOPE.email}', '${SCOPE.profile}', 'openid'], NULL) AS scopes
                            FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[])
                                   AS i(id, user_id, status, envelope_id, identifier)
                            JOIN users u ON u.id = i.user_id) AS g) AS g) AS g`;

/** The sub range of seeded users numbered from..to. */
export function subRange(from: number, to: number): { from: string; to: string } {
  const sub = (n: number) => `${SEEDED_SUB_FROM}${String(n).padStart(20, '0')}`;
  return { from: sub(from), to: sub(to) };
}
