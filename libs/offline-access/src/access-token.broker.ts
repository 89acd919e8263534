import { Injectable } from '@nestjs/common';
import { type AuditEventInput, auditInsertParams, auditInsertSql } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import { envelopeUpsertParams, envelopeUpsertSql, type SealedRow } from '@grantkeeper/vault';
import { UsersService } from '@grantkeeper/identity';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { GoogleClientBreaker } from './google-client-breaker.js';
import { GrantEntity } from './grant.entity.js';
import { REAUTH_FLAG } from './health-flags.js';
import { type GrantOwner, GrantVault, refreshTokenIdentifier } from './grant-vault.js';
import {
  GoogleCallError,
  GoogleTokenEndpoint,
  type GoogleTokens,
} from './google-token-endpoint.js';
import { OfflineAccessError } from './offline-access.errors.js';
import { type RefreshOutcome, RefreshAudit } from './refresh-audit.js';
import { nextRefreshAttempt } from './refresh-backoff.js';
import { missingScopes } from './scopes.js';

/** The reason of refreshes held back while Google refuses our OAuth client (not audited). */
export const CLIENT_REJECTED_REASON = 'google_client_rejected';

/** An access token is handed out only with at least this much life left. */
const MIN_REMAINING_MS = 5 * 60_000;
/** A token refreshed this recently is shared by every caller that was waiting for it. */
const JUST_REFRESHED_MS = 30_000;

/** A valid access token for a user's grant. The token is live: never log it. */
export interface BrokeredAccessToken {
  readonly accessToken: string;
  readonly expiresAt: Date;
  readonly scopes: readonly string[];
  readonly grantId: string;
}

/**
 * How one grant's keep-alive refresh ended. `skipped`: the grant is gone, no longer live, or no
 * longer due (refreshed since it was queued, e.g. by a batch that ran before a crash), so nothing
 * was done. `failed`: something other than Google's answer went wrong (the envelope could not be
 * opened, the call itself threw); nothing was written for it and it stays due.
 */
export type KeepAliveOutcome =
  | { readonly kind: 'refreshed' | 'unavailable' | 'skipped' }
  | { readonly kind: 'revoked'; readonly userId: string }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * What proving a user's grant at Google found: `alive` (refreshed now, or proven within the
 * window), `dead` (Google refused it just now: it was marked revoked), `off` (it was not live
 * here already: switched off, revoked by an admin or by Google earlier; Google not asked),
 * `unknown` (Google did not answer usably; the stored state stands), `none` (the user never
 * had a grant).
 */
export type GrantProof = 'alive' | 'dead' | 'off' | 'unknown' | 'none';

/** The grant and its refresh-token envelope, as the keep-alive's lock query reads them. */
interface LockedGrantRow {
  id: string;
  user_id: string;
  status: string;
  refresh_token_envelope_id: string | null;
  access_token_envelope_id: string | null;
  next_refresh_at: Date | null;
  kek_version: number | null;
  data_key_nonce: Buffer;
  wrapped_data_key: Buffer;
  data_key_tag: Buffer;
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/**
 * Gives the scheduler, the dashboard and other teams a valid access token for a user, refreshing
 * through Google only when the cached one has less than five minutes left.
 *
 * Refreshes are serialised per grant across every instance by a row lock (`SELECT … FOR UPDATE`):
 * the first caller refreshes, the others wait on the lock and then find the fresh token. Only
 * `invalid_grant` kills a grant; anything transient leaves it active with a backoff.
 */
@Injectable()
export class AccessTokenBroker {
  private readonly clientId: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly google: GoogleTokenEndpoint,
    private readonly grantVault: GrantVault,
    private readonly refreshAudit: RefreshAudit,
    config: ConfigService,
    private readonly breaker: GoogleClientBreaker,
    private readonly users: UsersService,
  ) {
    this.clientId = config.get('google').webClientId;
  }

  /**
   * A token for `userId` carrying every scope in `scopes`.
   *
   * @throws OfflineAccessError `grant_not_found`, `grant_revoked`, `scope_not_granted`,
   *   `wrong_hosted_domain` (the user is outside GOOGLE_HOSTED_DOMAIN; the grant is kept), or
   *   `upstream_unavailable` (with `retryAfterSeconds`) when Google can't be reached and no
   *   cached token is still valid.
   */
  async accessTokenFor(userId: string, scopes: readonly string[]): Promise<BrokeredAccessToken> {
    const grant = await this.dataSource
      .getRepository(GrantEntity)
      .findOneBy({ userId, clientId: this.clientId });
    const usable = checkUsable(grant, scopes);
    if (!(await this.users.idInHostedDomain(userId))) {
      throw new OfflineAccessError(
        'wrong_hosted_domain',
        'The account is not in the allowed domain; its grant is not used.',
      );
    }
    if (hasFreshAccessToken(usable, Date.now())) {
      const token = await this.cachedToken(usable);
      await this.touch(usable.id);
      return token;
    }
    return this.refresh(usable.id, scopes);
  }

  /**
   * Proves the user's grant alive at Google unless it was within `windowMs` (refreshed, or its
   * refresh token issued): one refresh, single-flight per grant across instances, since callers
   * queued on the row lock find the grant proven by the first. A grant Google refuses is marked
   * revoked at once (and audited), as any refresh would mark it.
   */
  async proveAlive(userId: string, windowMs: number): Promise<GrantProof> {
    const grant = await this.dataSource
      .getRepository(GrantEntity)
      .findOneBy({ userId, clientId: this.clientId });
    if (!grant) return 'none';
    if (grant.status !== 'active' || !grant.refreshTokenEnvelopeId) return 'off';
    if (provenWithin(grant, Date.now(), windowMs)) return 'alive';
    const outcome = await this.dataSource.transaction(async (manager) => {
      const locked = await manager
        .getRepository(GrantEntity)
        .findOne({ where: { id: grant.id }, lock: { mode: 'pessimistic_write' } });
      if (locked?.status === 'active' && provenWithin(locked, Date.now(), windowMs)) return null;
      return this.refreshLocked(grant.id, manager, true);
    });
    if (outcome === null) return 'alive';
    await this.refreshAudit.record(outcome);
    switch (outcome.kind) {
      case 'token':
        return outcome.refreshed ? 'alive' : 'unknown';
      case 'revoked':
        return 'dead';
      case 'unavailable':
        return 'unknown';
    }
  }

  /**
   * A Google API answered 401 to `rejected`, an access token this broker handed out: the token is
   * dropped (unless another caller has replaced it already, whose replacement is served) and the
   * grant refreshed once, so the caller learns now whether the grant is dead (`grant_revoked`)
   * or only the token was (a new token).
   *
   * @throws OfflineAccessError as {@link accessTokenFor}.
   */
  async renewRejected(
    userId: string,
    scopes: readonly string[],
    rejected: string,
  ): Promise<BrokeredAccessToken> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const grant = checkUsable(
        await manager.getRepository(GrantEntity).findOne({
          where: { userId, clientId: this.clientId },
          lock: { mode: 'pessimistic_write' },
        }),
        scopes,
      );
      if (grant.accessTokenEnvelopeId) {
        const cached = await this.grantVault.open(grant, 'access', manager);
        if (cached !== rejected && hasValidAccessToken(grant, Date.now())) {
          return this.served(grant, manager, false, false, cached);
        }
        await this.grantVault.purge(grant, 'access', manager);
        grant.updatedAt = new Date();
        await persist(grant, manager);
      }
      return this.refreshLocked(grant.id, manager, false);
    });
    return this.settle(outcome, scopes);
  }

  /**
   * Refreshes the grant now whatever its cached token (the keep-alive job). Returns the outcome
   * instead of throwing for a dead grant, so a batch can carry on.
   */
  async refreshNow(grantId: string): Promise<'refreshed' | 'revoked' | 'unavailable'> {
    const outcome = await this.dataSource.transaction((manager) =>
      this.refreshLocked(grantId, manager, true),
    );
    await this.refreshAudit.record(outcome);
    if (outcome.kind !== 'token') return outcome.kind;
    // Served from cache while backing off, or after a transient failure: not refreshed.
    return outcome.refreshed ? 'refreshed' : 'unavailable';
  }

  /**
   * The keep-alive refresh of a group of grants, those still due (live, and last refreshed or
   * created before `dueBefore`), with the same row locks and outcomes as {@link refreshNow}: one
   * outcome per id, in order. "Still due" is checked under the locks, so a batch retried after a
   * crash, or queued twice, never refreshes a grant twice.
   *
   * The group shares one transaction: `START TRANSACTION`; one lock query, which reads the
   * refresh-token envelopes too; the calls to Google, all at once; one statement that writes
   * every access-token envelope (and any rotated refresh token's), grant and audit event;
   * `COMMIT`. Per grant, that is a tenth of the statements, round trips and commits of one
   * transaction each (docs/BENCHMARKS.md). What it costs: the locks are held until the slowest
   * of the group's calls returns (a consumer asking for one of these grants meanwhile waits that
   * long, then is served the fresh token), and a crash before `COMMIT` repeats the group's
   * refreshes at Google, which is harmless because Google does not rotate refresh tokens on
   * refresh. Anything unusual (backing off, no envelope to open, Google failing) takes the
   * general path for that grant inside the same transaction.
   */
  async keepAlive(grantIds: readonly string[], dueBefore: Date): Promise<KeepAliveOutcome[]> {
    if (grantIds.length === 0) return [];
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let results: Map<string, RefreshOutcome | KeepAliveOutcome>;
    try {
      await runner.startTransaction();
      results = await this.keepAliveLocked(grantIds, dueBefore, runner);
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
    const outcomes: KeepAliveOutcome[] = [];
    for (const id of grantIds) {
      const result = results.get(id) ?? { kind: 'skipped' };
      if (!('grant' in result)) {
        outcomes.push(result);
        continue;
      }
      // The general path's outcomes are audited as refreshNow audits them.
      await this.refreshAudit.record(result);
      if (result.kind === 'revoked')
        outcomes.push({ kind: 'revoked', userId: result.grant.userId });
      else if (result.kind === 'token' && result.refreshed) outcomes.push({ kind: 'refreshed' });
      else outcomes.push({ kind: 'unavailable' });
    }
    return outcomes;
  }

  private async keepAliveLocked(
    grantIds: readonly string[],
    dueBefore: Date,
    runner: QueryRunner,
  ): Promise<Map<string, RefreshOutcome | KeepAliveOutcome>> {
    // Locked in id order, as every keep-alive group locks, so two groups sharing grants never
    // deadlock. "Due" is in the WHERE clause, so PostgreSQL checks it again on each row as it
    // is once locked: a group that waited behind another's refresh finds no row.
    const rows = (await runner.query(
      `SELECT g.id, g.user_id, g.status, g.refresh_token_envelope_id, g.access_token_envelope_id,
              g.next_refresh_at, e.kek_version, e.data_key_nonce, e.wrapped_data_key, e.data_key_tag, e.nonce,
              e.ciphertext, e.tag
         FROM grants g LEFT JOIN vault_envelopes e ON e.id = g.refresh_token_envelope_id
        WHERE g.id = ANY($1::uuid[]) AND g.status = 'active'
          AND coalesce(g.last_refreshed_at, g.created_at) < $2
        ORDER BY g.id
          FOR UPDATE OF g`,
      [grantIds, dueBefore],
    )) as LockedGrantRow[];
    const results = new Map<string, RefreshOutcome | KeepAliveOutcome>();
    const now = Date.now();
    const general: string[] = [];
    const calls: Array<{ row: LockedGrantRow; owner: GrantOwner; tokens: Promise<GoogleTokens> }> =
      [];
    for (const row of rows) {
      const owner: GrantOwner = { id: row.id, userId: row.user_id };
      if (!row.refresh_token_envelope_id) {
        results.set(row.id, { kind: 'revoked', userId: row.user_id });
      } else if (!this.breaker.allows()) {
        // Google refuses our client: nothing to learn about this grant, nothing to change.
        results.set(row.id, { kind: 'unavailable' });
      } else if (
        (row.next_refresh_at && row.next_refresh_at.getTime() > now) ||
        row.kek_version === null
      ) {
        // Backing off, or no envelope to open (which the general path reports): rare, not fast.
        general.push(row.id);
      } else {
        try {
          const refreshToken = this.grantVault.openRow(
            owner,
            'refresh',
            row.refresh_token_envelope_id,
            {
              ...row,
              kekVersion: row.kek_version,
              dataKeyNonce: row.data_key_nonce,
              wrappedDataKey: row.wrapped_data_key,
              dataKeyTag: row.data_key_tag,
            },
          );
          calls.push({ row, owner, tokens: this.google.refresh(refreshToken) });
        } catch (error) {
          results.set(row.id, { kind: 'failed', error });
        }
      }
    }
    // Every call is in flight before the first answer is awaited.
    const answers = await Promise.allSettled(calls.map((call) => call.tokens));
    const refreshed: Array<{ row: LockedGrantRow; owner: GrantOwner; tokens: GoogleTokens }> = [];
    for (const [i, answer] of answers.entries()) {
      const { row, owner } = calls[i];
      if (answer.status === 'fulfilled') {
        this.breaker.accepted();
        refreshed.push({ row, owner, tokens: answer.value });
        continue;
      }
      const error: unknown = answer.reason;
      if (!(error instanceof GoogleCallError)) {
        results.set(row.id, { kind: 'failed', error });
        continue;
      }
      if (error.failure === 'client_rejected') {
        this.breaker.refused();
        results.set(row.id, { kind: 'unavailable' });
        continue;
      }
      const grant = await runner.manager.findOneByOrFail(GrantEntity, { id: row.id });
      results.set(row.id, await this.markFailed(grant, runner.manager, error, now));
    }
    for (const id of general) results.set(id, await this.refreshLocked(id, runner.manager, true));
    if (refreshed.length > 0) {
      await this.writeRefreshed(runner, refreshed, new Date(now));
      for (const { row } of refreshed) results.set(row.id, { kind: 'refreshed' });
    }
    return results;
  }

  // One statement for the whole group: the sealed access tokens (and rotated refresh tokens: in
  // this same transaction, or they are lost), the grants, and the audit events, so all or none
  // are written. One array parameter per column, so the statement's text is the same whatever
  // the group's size.
  private async writeRefreshed(
    runner: QueryRunner,
    refreshed: ReadonlyArray<{ row: LockedGrantRow; owner: GrantOwner; tokens: GoogleTokens }>,
    now: Date,
  ): Promise<void> {
    const params: unknown[] = [now];
    const next = (values: unknown[]) => {
      const first = params.length + 1;
      params.push(...values);
      return first;
    };
    const envelopes: SealedRow[] = [];
    const grants = {
      id: [] as string[],
      accessEnvelopeId: [] as string[],
      accessExpiresAt: [] as Date[],
      scopes: [] as Array<string | null>,
      refreshIdentifier: [] as Array<string | null>,
    };
    const events: AuditEventInput[] = [];
    for (const { row, owner, tokens } of refreshed) {
      const access = this.grantVault.sealRow(
        owner,
        'access',
        tokens.accessToken,
        row.access_token_envelope_id,
      );
      envelopes.push(access);
      if (tokens.refreshToken) {
        envelopes.push(
          this.grantVault.sealRow(
            owner,
            'refresh',
            tokens.refreshToken,
            row.refresh_token_envelope_id,
          ),
        );
      }
      grants.id.push(row.id);
      grants.accessEnvelopeId.push(access.id);
      grants.accessExpiresAt.push(tokens.expiresAt);
      // Scopes never contain spaces (RFC 6749 §3.3): one text per grant, split in SQL.
      grants.scopes.push(tokens.scopes.length > 0 ? [...tokens.scopes].sort().join(' ') : null);
      grants.refreshIdentifier.push(
        tokens.refreshToken ? refreshTokenIdentifier(tokens.refreshToken) : null,
      );
      events.push({
        action: 'offline_access.refresh_succeeded',
        actor: { kind: 'system' },
        subjectUserId: owner.userId,
        grantId: owner.id,
        details: { rotated: tokens.refreshToken !== undefined },
      });
    }
    const envelopesCte = envelopeUpsertSql('envelopes', next(envelopeUpsertParams(envelopes)));
    const g = (values: unknown[]) => `$${next([values])}`;
    const grantsCte = `grant_rows AS (
      UPDATE grants g SET
        access_token_envelope_id = v.access_envelope_id,
        access_token_expires_at = v.access_expires_at,
        scopes = coalesce(string_to_array(v.scopes, ' '), g.scopes),
        refresh_token_identifier = coalesce(v.refresh_identifier, g.refresh_token_identifier),
        refresh_token_issued_at =
          CASE WHEN v.refresh_identifier IS NULL THEN g.refresh_token_issued_at ELSE $1 END,
        last_refreshed_at = $1, failure_count = 0, last_error = NULL, next_refresh_at = NULL,
        reauth_required_at = NULL,
        health_flags = array_remove(g.health_flags, '${REAUTH_FLAG}'), updated_at = $1
      FROM unnest(${g(grants.id)}::uuid[], ${g(grants.accessEnvelopeId)}::uuid[],
                  ${g(grants.accessExpiresAt)}::timestamptz[], ${g(grants.scopes)}::text[],
                  ${g(grants.refreshIdentifier)}::text[])
        AS v(id, access_envelope_id, access_expires_at, scopes, refresh_identifier)
      WHERE g.id = v.id
      RETURNING g.id)`;
    const audit = auditInsertSql(next(auditInsertParams(events)));
    await runner.query(`WITH ${envelopesCte},\n${grantsCte}\n${audit}`, params);
  }

  private async refresh(grantId: string, scopes: readonly string[]): Promise<BrokeredAccessToken> {
    const outcome = await this.dataSource.transaction((manager) =>
      this.refreshLocked(grantId, manager, false),
    );
    return this.settle(outcome, scopes);
  }

  // Audits a consumer's refresh and turns its outcome into the token or the error it means.
  private async settle(
    outcome: RefreshOutcome,
    scopes: readonly string[],
  ): Promise<BrokeredAccessToken> {
    await this.refreshAudit.record(outcome);
    switch (outcome.kind) {
      case 'token':
        // Google may hand back fewer scopes than we had recorded (the user removed some).
        checkUsable(outcome.grant, scopes);
        return outcome.token;
      case 'revoked':
        throw unusableError(outcome.grant);
      case 'unavailable':
        if (outcome.grant.reauthRequiredAt) throw reauthError();
        throw new OfflineAccessError(
          'upstream_unavailable',
          'Google is not answering; try again later.',
          { retryAfterSeconds: outcome.retryAfterSeconds },
        );
    }
  }

  // Holds the grant's row lock for the whole refresh, Google's answer included, so exactly one
  // upstream refresh happens per grant however many callers and instances ask at once.
  private async refreshLocked(
    grantId: string,
    manager: EntityManager,
    force: boolean,
  ): Promise<RefreshOutcome> {
    const repository = manager.getRepository(GrantEntity);
    const grant = await repository.findOne({
      where: { id: grantId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!grant) throw new OfflineAccessError('grant_not_found', 'There is no such grant.');
    if (grant.status !== 'active' || !grant.refreshTokenEnvelopeId) {
      return { kind: 'revoked', grant, justNow: false };
    }
    const now = Date.now();
    // Someone else refreshed while we waited for the lock. A token refreshed moments ago is
    // served even if short-lived, so callers queued on the lock never refresh in turn.
    if (!force && (hasFreshAccessToken(grant, now) || justRefreshed(grant, now))) {
      return this.served(grant, manager, false, false);
    }
    if (grant.nextRefreshAt && grant.nextRefreshAt.getTime() > now) {
      return this.backingOff(grant, manager, now);
    }
    if (!this.breaker.allows()) return this.heldBack(grant, manager, now);
    const refreshToken = await this.grantVault.open(grant, 'refresh', manager);
    try {
      const tokens = await this.google.refresh(refreshToken);
      this.breaker.accepted();
      await this.grantVault.store(grant, 'access', tokens.accessToken, manager);
      // Google may rotate the refresh token: persist it in this same transaction, or lose it.
      if (tokens.refreshToken) {
        await this.grantVault.store(grant, 'refresh', tokens.refreshToken, manager);
      }
      grant.accessTokenExpiresAt = tokens.expiresAt;
      if (tokens.scopes.length > 0) grant.scopes = [...tokens.scopes].sort();
      grant.lastRefreshedAt = new Date(now);
      grant.failureCount = 0;
      grant.lastError = null;
      grant.nextRefreshAt = null;
      grant.reauthRequiredAt = null;
      grant.refreshTokenExpiresAt = tokens.refreshTokenExpiresAt ?? grant.refreshTokenExpiresAt;
      grant.healthFlags = grant.healthFlags.filter((flag) => flag !== REAUTH_FLAG);
      // The token just sealed is handed out as is: opening its envelope again would be one
      // more query per refresh for the same value.
      return this.served(
        grant,
        manager,
        true,
        tokens.refreshToken !== undefined,
        tokens.accessToken,
        !force,
      );
    } catch (error) {
      if (!(error instanceof GoogleCallError)) throw error;
      if (error.failure === 'client_rejected') {
        this.breaker.refused();
        return this.heldBack(grant, manager, now);
      }
      return this.markFailed(grant, manager, error, now);
    }
  }

  // What Google's refusal says of the grant: dead, waiting for its user to sign in again
  // (the refresh token is kept: a refresh works again once they have), or failing for now.
  private markFailed(
    grant: GrantEntity,
    manager: EntityManager,
    error: GoogleCallError,
    now: number,
  ): Promise<RefreshOutcome> {
    if (error.failure === 'invalid_grant') return this.markDead(grant, manager, error);
    if (error.failure === 'reauth_required') {
      grant.reauthRequiredAt ??= new Date(now);
      if (!grant.healthFlags.includes(REAUTH_FLAG)) {
        grant.healthFlags = [...grant.healthFlags, REAUTH_FLAG];
      }
    }
    return this.markFailing(grant, manager, error, now);
  }

  // The breaker is open: the grant is left exactly as it is; a cached token is still served.
  private async heldBack(
    grant: GrantEntity,
    manager: EntityManager,
    now: number,
  ): Promise<RefreshOutcome> {
    if (hasValidAccessToken(grant, now)) return this.served(grant, manager, false, false);
    return {
      kind: 'unavailable',
      grant,
      retryAfterSeconds: this.breaker.retryAfterSeconds(),
      reason: CLIENT_REJECTED_REASON,
    };
  }

  private async served(
    grant: GrantEntity,
    manager: EntityManager,
    refreshed: boolean,
    rotated: boolean,
    accessToken?: string,
    used = true,
  ): Promise<RefreshOutcome> {
    // A keep-alive refresh keeps the grant alive; it is not a use by anyone.
    if (used) grant.lastUsedAt = new Date();
    grant.updatedAt = new Date();
    await persist(grant, manager);
    const token =
      accessToken === undefined
        ? await this.cachedToken(grant, manager)
        : tokenOf(grant, accessToken);
    return { kind: 'token', grant, token, refreshed, rotated };
  }

  // While backing off, a cached token that is still valid (if short) beats a 503.
  private async backingOff(
    grant: GrantEntity,
    manager: EntityManager,
    now: number,
  ): Promise<RefreshOutcome> {
    if (hasValidAccessToken(grant, now)) {
      return this.served(grant, manager, false, false);
    }
    const wait = Math.ceil(((grant.nextRefreshAt?.getTime() ?? now) - now) / 1000);
    return { kind: 'unavailable', grant, retryAfterSeconds: Math.max(1, wait) };
  }

  private async markDead(
    grant: GrantEntity,
    manager: EntityManager,
    error: GoogleCallError,
  ): Promise<RefreshOutcome> {
    const now = new Date();
    grant.status = 'revoked';
    grant.revokedAt = now;
    grant.revokedBy = 'google';
    grant.revocationReason = error.reason;
    grant.lastError = error.reason;
    // The token is already dead at Google: nothing to revoke there, nothing worth keeping here.
    grant.upstreamRevokedAt = now;
    grant.updatedAt = now;
    await this.grantVault.purge(grant, 'access', manager);
    await this.grantVault.purge(grant, 'refresh', manager);
    await persist(grant, manager);
    return { kind: 'revoked', grant, justNow: true };
  }

  private async markFailing(
    grant: GrantEntity,
    manager: EntityManager,
    error: GoogleCallError,
    now: number,
  ): Promise<RefreshOutcome> {
    grant.failureCount += 1;
    grant.lastError = error.reason;
    grant.nextRefreshAt = nextRefreshAttempt(grant.failureCount, now, error.retryAfterSeconds);
    grant.updatedAt = new Date(now);
    await persist(grant, manager);
    // A cached token that is still valid keeps consumers working through the outage.
    if (hasValidAccessToken(grant, now)) {
      const token = await this.cachedToken(grant, manager);
      return {
        kind: 'token',
        grant,
        token,
        refreshed: false,
        rotated: false,
        failedReason: error.reason,
      };
    }
    const wait = Math.ceil((grant.nextRefreshAt.getTime() - now) / 1000);
    return {
      kind: 'unavailable',
      grant,
      retryAfterSeconds: Math.max(1, wait),
      reason: error.reason,
    };
  }

  private async cachedToken(
    grant: GrantEntity,
    manager?: EntityManager,
  ): Promise<BrokeredAccessToken> {
    return tokenOf(grant, await this.grantVault.open(grant, 'access', manager));
  }

  private async touch(grantId: string): Promise<void> {
    await this.dataSource.getRepository(GrantEntity).update(grantId, { lastUsedAt: new Date() });
  }
}

function tokenOf(grant: GrantEntity, accessToken: string): BrokeredAccessToken {
  return {
    accessToken,
    expiresAt: grant.accessTokenExpiresAt!,
    scopes: grant.scopes,
    grantId: grant.id,
  };
}

/**
 * Writes the grant row the broker holds locked. An UPDATE of the columns the broker changes,
 * not `save()`, which first reads the row again to find what changed: one query less per
 * refresh, and under the row lock nobody else can have changed it.
 */
async function persist(grant: GrantEntity, manager: EntityManager): Promise<void> {
  await manager.update(
    GrantEntity,
    { id: grant.id },
    {
      status: grant.status,
      scopes: grant.scopes,
      refreshTokenEnvelopeId: grant.refreshTokenEnvelopeId,
      accessTokenEnvelopeId: grant.accessTokenEnvelopeId,
      refreshTokenIdentifier: grant.refreshTokenIdentifier,
      refreshTokenIssuedAt: grant.refreshTokenIssuedAt,
      accessTokenExpiresAt: grant.accessTokenExpiresAt,
      lastRefreshedAt: grant.lastRefreshedAt,
      lastUsedAt: grant.lastUsedAt,
      failureCount: grant.failureCount,
      lastError: grant.lastError,
      nextRefreshAt: grant.nextRefreshAt,
      revokedAt: grant.revokedAt,
      revokedBy: grant.revokedBy,
      revocationReason: grant.revocationReason,
      upstreamRevokedAt: grant.upstreamRevokedAt,
      reauthRequiredAt: grant.reauthRequiredAt,
      refreshTokenExpiresAt: grant.refreshTokenExpiresAt,
      healthFlags: grant.healthFlags,
      updatedAt: grant.updatedAt,
    },
  );
}

function hasFreshAccessToken(grant: GrantEntity, now: number): boolean {
  return (
    grant.accessTokenEnvelopeId !== null &&
    (grant.accessTokenExpiresAt?.getTime() ?? 0) - now > MIN_REMAINING_MS
  );
}

/** A cached access token that has not expired, however little time it has left. */
function hasValidAccessToken(grant: GrantEntity, now: number): boolean {
  return grant.accessTokenEnvelopeId !== null && (grant.accessTokenExpiresAt?.getTime() ?? 0) > now;
}

/** Google accepted the grant's refresh token within `windowMs`: refreshed, or just issued. */
function provenWithin(grant: GrantEntity, now: number, windowMs: number): boolean {
  const proven = Math.max(
    grant.lastRefreshedAt?.getTime() ?? 0,
    grant.refreshTokenIssuedAt?.getTime() ?? 0,
  );
  return proven > now - windowMs;
}

function justRefreshed(grant: GrantEntity, now: number): boolean {
  return (
    hasValidAccessToken(grant, now) &&
    (grant.lastRefreshedAt?.getTime() ?? 0) > now - JUST_REFRESHED_MS
  );
}

function checkUsable(grant: GrantEntity | null, scopes: readonly string[]): GrantEntity {
  if (!grant) throw new OfflineAccessError('grant_not_found', 'The user has no offline grant.');
  if (grant.status !== 'active') throw unusableError(grant);
  const missing = missingScopes(grant.scopes, scopes);
  if (missing.length > 0) {
    throw new OfflineAccessError(
      'scope_not_granted',
      `The user has not granted: ${missing.join(' ')}.`,
    );
  }
  return grant;
}

function reauthError(): OfflineAccessError {
  return new OfflineAccessError(
    'reauth_required',
    "The user's organisation requires them to sign in to Google again; the grant is kept.",
  );
}

function unusableError(grant: GrantEntity): OfflineAccessError {
  if (grant.status === 'suspended') {
    return new OfflineAccessError(
      'grant_suspended',
      'Google has disabled this account; offline access resumes when Google enables it again.',
    );
  }
  return new OfflineAccessError(
    'grant_revoked',
    `Offline access was revoked (${grant.revocationReason ?? 'revoked'}); the user must consent again.`,
  );
}
