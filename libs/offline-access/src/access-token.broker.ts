import { Injectable } from '@nestjs/common';
import { ConfigService } from '@grantkeeper/config';
import { entityRows } from '@grantkeeper/database';
import { UsersService } from '@grantkeeper/identity';
import { DataSource } from 'typeorm';
import { GrantEntity } from './grant.entity.js';
import {
  GrantRefresh,
  hasFreshAccessToken,
  hasValidAccessToken,
  persist,
} from './grant-refresh.js';
import { GrantVault } from './grant-vault.js';
import { OfflineAccessError } from './offline-access.errors.js';
import type { BrokeredAccessToken } from './brokered-access-token.js';
import { type RefreshOutcome, RefreshAudit } from './refresh-audit.js';
import { missingScopes } from './scopes.js';

export type { BrokeredAccessToken } from './brokered-access-token.js';

/**
 * A grant's `last_used_at` is written at most this often when a cached token is served (a
 * refresh writes it every time): it tells when the grant was last used to the minute.
 */
export const GRANT_LAST_USED_EVERY_MS = 60_000;

/**
 * What proving a user's grant at Google found: `alive` (refreshed now, or proven within the
 * window), `dead` (Google refused it just now: it was marked revoked), `off` (it was not live
 * here already: switched off, revoked by an admin or by Google earlier; Google not asked),
 * `unknown` (Google did not answer usably; the stored state stands), `none` (the user never
 * had a grant).
 */
export type GrantProof = 'alive' | 'dead' | 'off' | 'unknown' | 'none';
/**
 * Gives the scheduler, the dashboard and other teams a valid access token for a user, refreshing
 * through Google only when the cached one has less than five minutes left.
 *
 * Refreshes are serialised per grant across every instance by a row lock (`SELECT … FOR UPDATE`):
 * the first caller refreshes, the others wait on the lock and then find the fresh token. Only
 * `invalid_grant` kills a grant; anything transient leaves it active with a backoff.
 *
 * A grant's `last_used_at` is its last use to the minute ({@link GRANT_LAST_USED_EVERY_MS}), as
 * an API key's is: serving a cached token writes it only when the recorded use is a minute old
 * or more, so a cached token costs reads only; a refresh records its use every time.
 */
@Injectable()
export class AccessTokenBroker {
  private readonly clientId: string;
  private readonly grantOf: (row: Record<string, unknown>) => GrantEntity;

  constructor(
    private readonly dataSource: DataSource,
    private readonly grantVault: GrantVault,
    private readonly refreshAudit: RefreshAudit,
    config: ConfigService,
    private readonly users: UsersService,
    private readonly grantRefresh: GrantRefresh,
  ) {
    this.clientId = config.get('google').webClientId;
    this.grantOf = entityRows(dataSource, GrantEntity);
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
    const usable = checkUsable(await this.grantOfUser(userId), scopes);
    if (!(await this.users.idInHostedDomain(userId))) {
      throw new OfflineAccessError(
        'wrong_hosted_domain',
        'The account is not in the allowed domain; its grant is not used.',
      );
    }
    const now = Date.now();
    if (hasFreshAccessToken(usable, now)) {
      const token = await this.grantRefresh.cachedToken(usable);
      await this.touch(usable, now);
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
    const grant = await this.grantOfUser(userId);
    if (!grant) return 'none';
    if (grant.status !== 'active' || !grant.refreshTokenEnvelopeId) return 'off';
    if (provenWithin(grant, Date.now(), windowMs)) return 'alive';
    const outcome = await this.dataSource.transaction(async (manager) => {
      const locked = await manager
        .getRepository(GrantEntity)
        .findOne({ where: { id: grant.id }, lock: { mode: 'pessimistic_write' } });
      if (locked?.status === 'active' && provenWithin(locked, Date.now(), windowMs)) return null;
      return this.grantRefresh.refreshLocked(grant.id, manager, true);
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
          return this.grantRefresh.served(grant, manager, false, false, cached);
        }
        await this.grantVault.purge(grant, 'access', manager);
        grant.updatedAt = new Date();
        await persist(grant, manager);
      }
      return this.grantRefresh.refreshLocked(grant.id, manager, false);
    });
    return this.settle(outcome, scopes);
  }

  /**
   * Refreshes the grant now whatever its cached token (how a refresh token's retirement proves
   * the grant it may have ended). Returns the outcome instead of throwing for a dead grant.
   */
  async refreshNow(grantId: string): Promise<'refreshed' | 'revoked' | 'unavailable'> {
    const outcome = await this.dataSource.transaction((manager) =>
      this.grantRefresh.refreshLocked(grantId, manager, true),
    );
    await this.refreshAudit.record(outcome);
    if (outcome.kind !== 'token') return outcome.kind;
    // Served from cache while backing off, or after a transient failure: not refreshed.
    return outcome.refreshed ? 'refreshed' : 'unavailable';
  }

  // A plain read (once per token served): TypeORM's find costs more than the query itself.
  private async grantOfUser(userId: string): Promise<GrantEntity | null> {
    const [row] = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT * FROM grants WHERE user_id = $1 AND client_id = $2`,
      [userId, this.clientId],
    );
    return row ? this.grantOf(row) : null;
  }

  private async refresh(grantId: string, scopes: readonly string[]): Promise<BrokeredAccessToken> {
    const outcome = await this.dataSource.transaction((manager) =>
      this.grantRefresh.refreshLocked(grantId, manager, false),
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

  // `last_used_at` says when the grant was last used to the minute, as an API key's does: a
  // cached token served within a minute of the last recorded use writes nothing (the row just
  // read tells, whichever instance wrote it), so a hot grant is not a commit per token.
  private async touch(grant: GrantEntity, now: number): Promise<void> {
    if (now - (grant.lastUsedAt?.getTime() ?? 0) < GRANT_LAST_USED_EVERY_MS) return;
    await this.dataSource
      .getRepository(GrantEntity)
      .update(grant.id, { lastUsedAt: new Date(now) });
  }
}

/** Google accepted the grant's refresh token within `windowMs`: refreshed, or just issued. */
function provenWithin(grant: GrantEntity, now: number, windowMs: number): boolean {
  const proven = Math.max(
    grant.lastRefreshedAt?.getTime() ?? 0,
    grant.refreshTokenIssuedAt?.getTime() ?? 0,
  );
  return proven > now - windowMs;
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
