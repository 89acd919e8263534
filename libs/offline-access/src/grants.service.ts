import { Injectable, Logger } from '@nestjs/common';
import { type AuditRequestContext, AuditService } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import { DataSource, type EntityManager, type FindOptionsWhere, IsNull, Not } from 'typeorm';
import { GrantEntity, type GrantStatus } from './grant.entity.js';
import { GrantVault } from './grant-vault.js';
import { GoogleCallError, GoogleTokenEndpoint } from '@grantkeeper/google';
import { OfflineAccessError } from './offline-access.errors.js';

/** Who switched a grant off, as recorded on the grant and in the audit log. */
export interface Revoker {
  readonly kind: 'user' | 'admin' | 'system' | 'google';
  readonly id?: string;
}

/** What became of the grant at Google when it was revoked here. */
export type UpstreamRevocation = 'revoked' | 'already_invalid' | 'not_revocable' | 'pending';

/** Users' grants: reading them, and switching them off. */
@Injectable()
export class GrantsService {
  private readonly logger = new Logger(GrantsService.name);
  private readonly clientId: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly google: GoogleTokenEndpoint,
    private readonly grantVault: GrantVault,
    private readonly audit: AuditService,
    config: ConfigService,
  ) {
    this.clientId = config.get('google').webClientId;
  }

  /** The user's grant for our client, live or revoked; null if they never had one. */
  async forUser(userId: string): Promise<GrantEntity | null> {
    return this.dataSource
      .getRepository(GrantEntity)
      .findOneBy({ userId, clientId: this.clientId });
  }

  async byId(grantId: string): Promise<GrantEntity | null> {
    return this.dataSource.getRepository(GrantEntity).findOneBy({ id: grantId });
  }

  /**
   * Recomputes every grant's Google-specific health flags in one statement and returns how many
   * grants carry at least one:
   * - `testing_mode_expiry`: the refresh token dies within a day: by the expiry Google sent
   *   (`refresh_token_expires_in`: time-based access, Testing status), or, where Google sent
   *   none, because the app is configured as in Testing mode (7 days from issue)
   *   (https://developers.google.com/identity/protocols/oauth2#expiration);
   * - `idle_near_expiry`: not refreshed for 150 days; Google expires tokens unused for six months;
   * - `reauth_required`: Google answered `invalid_rapt`; the user must sign in to Google again;
   * - `refresh_token_churn`: 50 or more of this grant's refresh tokens may still be live at
   *   Google (issued without the held one being revoked first); past 100 per user and client
   *   Google silently revokes the oldest, which breaks other holders of the client.
   */
  async updateHealthFlags(app: { testingMode: boolean; testingDays: number }): Promise<number> {
    // Only grants whose flags change are written: rewriting every grant on every sweep made a
    // new version of each row, and entries in each of its indexes, to store the same value.
    const rows = await this.dataSource.query<Array<{ flagged: number }>>(
      `WITH computed AS (
         SELECT id, health_flags AS stored, array_remove(ARRAY[
           CASE WHEN status = 'active'
                 AND (refresh_token_expires_at < now() + interval '1 day'
                      OR ($1 AND refresh_token_expires_at IS NULL
                          AND refresh_token_issued_at < now() - ($2 - 1) * interval '1 day'))
                THEN 'testing_mode_expiry' END,
           CASE WHEN status = 'active'
                 AND coalesce(last_refreshed_at, created_at) < now() - interval '150 days'
                THEN 'idle_near_expiry' END,
           CASE WHEN refresh_tokens_issued >= 50 THEN 'refresh_token_churn' END,
           CASE WHEN status = 'active' AND reauth_required_at IS NOT NULL
                THEN 'reauth_required' END
         ], NULL) AS flags
           FROM grants WHERE client_id = $3),
       updated AS (
         UPDATE grants g SET health_flags = c.flags
           FROM computed c
          WHERE g.id = c.id AND c.flags <> c.stored)
       SELECT count(*) FILTER (WHERE cardinality(flags) > 0)::int AS flagged FROM computed`,
      [app.testingMode, app.testingDays, this.clientId],
    );
    return rows[0]?.flagged ?? 0;
  }

  /**
   * Ids of live grants last refreshed (or, never refreshed, created) before `olderThan`, in id
   * order from `after`: the keep-alive job's pages.
   */
  async dueForKeepAlive(olderThan: Date, limit: number, after?: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM grants
        WHERE status = 'active' AND client_id = $1
          AND coalesce(last_refreshed_at, created_at) < $2
          AND ($3::uuid IS NULL OR id > $3::uuid)
        ORDER BY id LIMIT $4`,
      [this.clientId, olderThan, after ?? null, limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Revokes the grant: at once here (the broker stops handing out tokens, the cached access
   * token is purged), then at Google. If Google can't be reached, the refresh token's envelope
   * is kept so {@link retryUpstreamRevocations} can finish the job; nothing else ever reads it.
   */
  async revoke(
    userId: string,
    by: Revoker,
    reason: string,
    context?: AuditRequestContext,
  ): Promise<{ grant: GrantEntity; upstream: UpstreamRevocation }> {
    const grant = await this.dataSource.transaction(async (manager) => {
      const found = await manager.getRepository(GrantEntity).findOne({
        where: { userId, clientId: this.clientId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!found) throw new OfflineAccessError('grant_not_found', 'There is no offline grant.');
      if (found.status === 'active') {
        const now = new Date();
        Object.assign(found, {
          status: 'revoked',
          revokedAt: now,
          revokedBy: by.id ? `${by.kind}:${by.id}` : by.kind,
          revocationReason: reason,
          updatedAt: now,
        });
        await this.grantVault.purge(found, 'access', manager);
        await manager.save(found, { reload: false });
      }
      return found;
    });
    const upstream = await this.revokeUpstream(grant);
    await this.audit.record({
      action: 'offline_access.revoked',
      actor: by,
      subjectUserId: userId,
      grantId: grant.id,
      context,
      details: { reason, by: grant.revokedBy, upstream },
    });
    return { grant, upstream };
  }

  /**
   * Marks the user's grant (or the grant holding the refresh token Google identifies) revoked
   * because Google says its tokens are already dead (RISC `tokens-revoked`/`token-revoked`):
   * nothing is left to revoke upstream, so both envelopes are purged in the same transaction.
   * Returns the grant, or null when there is none or it was revoked already. With `manager`,
   * all of it (the audit event too) happens in that transaction.
   */
  async markRevokedByGoogle(
    which: { userId: string } | { refreshTokenIdentifier: string },
    reason: string,
    inTransaction?: EntityManager,
  ): Promise<GrantEntity | null> {
    const where: FindOptionsWhere<GrantEntity> =
      'userId' in which
        ? { userId: which.userId, clientId: this.clientId }
        : { refreshTokenIdentifier: which.refreshTokenIdentifier };
    const revoke = async (manager: EntityManager) => {
      const found = await manager
        .getRepository(GrantEntity)
        .findOne({ where, lock: { mode: 'pessimistic_write' } });
      if (!found || found.status === 'revoked') return null;
      const now = new Date();
      Object.assign(found, {
        status: 'revoked',
        revokedAt: now,
        revokedBy: 'google',
        revocationReason: reason,
        upstreamRevokedAt: now,
        updatedAt: now,
      });
      await this.grantVault.purge(found, 'access', manager);
      await this.grantVault.purge(found, 'refresh', manager);
      await manager.save(found, { reload: false });
      return found;
    };
    const grant = inTransaction
      ? await revoke(inTransaction)
      : await this.dataSource.transaction(revoke);
    if (grant) await this.auditGoogleChange(grant, 'offline_access.revoked', reason, inTransaction);
    return grant;
  }

  /** Active grants of the user become `suspended` (Google disabled the account); returns how many. */
  suspendForUser(userId: string, reason: string, manager?: EntityManager): Promise<number> {
    return this.moveStatus(
      userId,
      'active',
      'suspended',
      'offline_access.suspended',
      reason,
      manager,
    );
  }

  /** Suspended grants of the user become `active` again (Google re-enabled the account). */
  resumeForUser(userId: string, reason: string, manager?: EntityManager): Promise<number> {
    return this.moveStatus(
      userId,
      'suspended',
      'active',
      'offline_access.resumed',
      reason,
      manager,
    );
  }

  /**
   * Purges the vault envelopes of every grant of the user, in `manager`'s transaction: the
   * caller is about to delete the user, and the grant rows go with it by cascade.
   */
  async purgeTokensForUser(userId: string, manager: EntityManager): Promise<number> {
    const grants = await manager.getRepository(GrantEntity).find({
      where: { userId },
      lock: { mode: 'pessimistic_write' },
    });
    for (const grant of grants) {
      await this.grantVault.purge(grant, 'access', manager);
      await this.grantVault.purge(grant, 'refresh', manager);
      await manager.save(grant, { reload: false });
    }
    return grants.length;
  }

  private async moveStatus(
    userId: string,
    from: GrantStatus,
    to: GrantStatus,
    action: string,
    reason: string,
    manager?: EntityManager,
  ): Promise<number> {
    const repository = (manager ?? this.dataSource.manager).getRepository(GrantEntity);
    const grants = await repository.findBy({ userId, status: from });
    if (grants.length === 0) return 0;
    const now = new Date();
    await repository.update(
      { userId, status: from },
      { status: to, updatedAt: now, suspendedAt: to === 'suspended' ? now : null },
    );
    for (const grant of grants) await this.auditGoogleChange(grant, action, reason, manager);
    return grants.length;
  }

  private auditGoogleChange(
    grant: GrantEntity,
    action: string,
    reason: string,
    manager?: EntityManager,
  ): Promise<void> {
    return this.audit.record(
      {
        action,
        actor: { kind: 'google' },
        subjectUserId: grant.userId,
        grantId: grant.id,
        details: { reason, by: 'google' },
      },
      manager,
    );
  }

  /**
   * Finishes the user's pending revoke at Google, if any: their grant was revoked here while
   * Google's revoke did not answer, and its refresh token is still live there. Called before
   * anything could bring the user a new refresh token (a reconnect, /account), so the old one's
   * revoke is never dropped nor left behind a second live token.
   */
  async finishPendingRevocation(userId: string): Promise<'none' | 'done' | 'pending'> {
    const grant = await this.forUser(userId);
    if (
      grant?.status !== 'revoked' ||
      grant.upstreamRevokedAt !== null ||
      grant.refreshTokenEnvelopeId === null
    ) {
      return 'none';
    }
    return (await this.revokeUpstream(grant)) === 'pending' ? 'pending' : 'done';
  }

  /** Retries Google's revoke for revoked grants that still hold a refresh token. */
  async retryUpstreamRevocations(limit = 100): Promise<number> {
    const pending = await this.dataSource.getRepository(GrantEntity).find({
      where: {
        status: 'revoked',
        upstreamRevokedAt: IsNull(),
        refreshTokenEnvelopeId: Not(IsNull()),
      },
      order: { revokedAt: 'ASC' },
      take: limit,
    });
    let done = 0;
    for (const grant of pending) {
      if ((await this.revokeUpstream(grant)) !== 'pending') done += 1;
    }
    return done;
  }

  // Revoking the refresh token ends the whole grant at Google, access tokens included.
  private async revokeUpstream(grant: GrantEntity): Promise<UpstreamRevocation> {
    if (grant.upstreamRevokedAt || !grant.refreshTokenEnvelopeId) return 'already_invalid';
    let result: UpstreamRevocation;
    try {
      result = await this.google.revoke(await this.grantVault.open(grant, 'refresh'));
    } catch (error) {
      if (!(error instanceof GoogleCallError)) throw error;
      this.logger.warn({
        msg: "Google's revoke failed; will retry",
        grantId: grant.id,
        reason: error.reason,
      });
      return 'pending';
    }
    await this.dataSource.transaction(async (manager) => {
      const locked = await manager.getRepository(GrantEntity).findOne({
        where: { id: grant.id },
        lock: { mode: 'pessimistic_write' },
      });
      // A new consent may have brought the grant back meanwhile: the row is its now.
      if (!locked || locked.status !== 'revoked') return;
      await this.grantVault.purge(locked, 'refresh', manager);
      locked.upstreamRevokedAt = new Date();
      await manager.save(locked, { reload: false });
      Object.assign(grant, locked);
    });
    // Final: Google will answer the same to every retry, so the refusal goes on the record.
    if (result === 'not_revocable') {
      this.logger.warn({
        msg: "Google refuses to revoke a grant's token; not retried",
        grantId: grant.id,
      });
      await this.audit.record({
        action: 'offline_access.upstream_revoke_refused',
        actor: { kind: 'google' },
        subjectUserId: grant.userId,
        grantId: grant.id,
        details: { reason: 'token_not_revocable', by: 'google' },
      });
    }
    return result;
  }
}
