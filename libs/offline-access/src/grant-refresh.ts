import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BrokeredAccessToken } from './brokered-access-token.js';
import { GoogleClientBreaker } from './google-client-breaker.js';
import { GoogleCallError, GoogleTokenEndpoint } from '@grantkeeper/google';
import { GrantEntity } from './grant.entity.js';
import { GrantVault } from './grant-vault.js';
import { REAUTH_FLAG } from './health-flags.js';
import { OfflineAccessError } from './offline-access.errors.js';
import { CLIENT_REJECTED_REASON, type RefreshOutcome } from './refresh-audit.js';
import { nextRefreshAttempt } from './refresh-backoff.js';
import { OpenedAccessTokens } from './opened-access-tokens.js';

/** An access token is handed out only with at least this much life left. */
const MIN_REMAINING_MS = 5 * 60_000;
/** A token refreshed this recently is shared by every caller that was waiting for it. */
const JUST_REFRESHED_MS = 30_000;

/**
 * The refresh of one locked grant and what Google's answer makes of it, shared by the on-demand
 * broker and the keep-alive groups so both write a grant's outcome the same way.
 */
@Injectable()
export class GrantRefresh {
  private readonly opened = new OpenedAccessTokens();

  constructor(
    private readonly google: GoogleTokenEndpoint,
    private readonly grantVault: GrantVault,
    private readonly breaker: GoogleClientBreaker,
  ) {}

  // Holds the grant's row lock for the whole refresh, Google's answer included, so exactly one
  // upstream refresh happens per grant however many callers and instances ask at once.
  async refreshLocked(
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
  markFailed(
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

  async served(
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

  /** The grant's cached access token: opened from its envelope once per token per process. */
  async cachedToken(grant: GrantEntity, manager?: EntityManager): Promise<BrokeredAccessToken> {
    const opened = this.opened.get(grant);
    if (opened !== undefined) return tokenOf(grant, opened);
    const token = await this.grantVault.open(grant, 'access', manager);
    this.opened.set(grant, token);
    return tokenOf(grant, token);
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
export async function persist(grant: GrantEntity, manager: EntityManager): Promise<void> {
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

export function hasFreshAccessToken(grant: GrantEntity, now: number): boolean {
  return (
    grant.accessTokenEnvelopeId !== null &&
    (grant.accessTokenExpiresAt?.getTime() ?? 0) - now > MIN_REMAINING_MS
  );
}

/** A cached access token that has not expired, however little time it has left. */
export function hasValidAccessToken(grant: GrantEntity, now: number): boolean {
  return grant.accessTokenEnvelopeId !== null && (grant.accessTokenExpiresAt?.getTime() ?? 0) > now;
}

function justRefreshed(grant: GrantEntity, now: number): boolean {
  return (
    hasValidAccessToken(grant, now) &&
    (grant.lastRefreshedAt?.getTime() ?? 0) > now - JUST_REFRESHED_MS
  );
}
