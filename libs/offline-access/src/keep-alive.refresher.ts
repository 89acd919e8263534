import { Injectable } from '@nestjs/common';
import { type AuditEventInput, AuditService } from '@grantkeeper/audit';
import { type SealedEnvelope, type SealedRow, VaultService } from '@grantkeeper/vault';
import { DataSource, type QueryRunner } from 'typeorm';
import { GoogleClientBreaker } from './google-client-breaker.js';
import { GoogleCallError, GoogleTokenEndpoint, type GoogleTokens } from '@grantkeeper/google';
import { GrantEntity } from './grant.entity.js';
import { GrantRefresh } from './grant-refresh.js';
import { type GrantOwner, GrantVault, refreshTokenIdentifier } from './grant-vault.js';
import { REAUTH_FLAG } from './health-flags.js';
import { type RefreshOutcome, RefreshAudit, refreshSucceededEvent } from './refresh-audit.js';

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

/** The grant, as the keep-alive's lock query reads it. */
interface LockedGrant {
  id: string;
  user_id: string;
  status: string;
  refresh_token_envelope_id: string | null;
  access_token_envelope_id: string | null;
  next_refresh_at: Date | null;
}

/** A locked grant and its refresh-token envelope (none when the vault has no such row). */
interface LockedGrantRow extends LockedGrant {
  envelope: SealedEnvelope | undefined;
}

/**
 * The keep-alive job's refreshes, a group of grants at a time (the scheduler's keep-alive worker
 * calls it); consumers asking for a token go through AccessTokenBroker instead.
 */
@Injectable()
export class KeepAliveRefresher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly google: GoogleTokenEndpoint,
    private readonly grantVault: GrantVault,
    private readonly refreshAudit: RefreshAudit,
    private readonly breaker: GoogleClientBreaker,
    private readonly grantRefresh: GrantRefresh,
    private readonly vault: VaultService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The keep-alive refresh of a group of grants, those still due (live, and last refreshed or
   * created before `dueBefore`), with the same row locks and outcomes as {@link AccessTokenBroker.refreshNow}: one
   * outcome per id, in order. "Still due" is checked under the locks, so a batch retried after a
   * crash, or queued twice, never refreshes a grant twice.
   *
   * The group shares one transaction: `START TRANSACTION`; one lock query, and one vault read
   * of the refresh-token envelopes; the calls to Google, all at once; one batched statement each
   * for the access-token envelopes (and any rotated refresh token's), the grants and the audit
   * events; `COMMIT`. Per grant, that is a tenth of the statements, round trips and commits of one
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
    const grants = (await runner.query(
      `SELECT g.id, g.user_id, g.status, g.refresh_token_envelope_id, g.access_token_envelope_id,
              g.next_refresh_at
         FROM grants g
        WHERE g.id = ANY($1::uuid[]) AND g.status = 'active'
          AND coalesce(g.last_refreshed_at, g.created_at) < $2
        ORDER BY g.id
          FOR UPDATE OF g`,
      [grantIds, dueBefore],
    )) as LockedGrant[];
    // The refresh-token envelopes of the whole group, read by the vault in one query.
    const sealed = await this.vault.readSealed(
      grants.flatMap((grant) => grant.refresh_token_envelope_id ?? []),
      runner.manager,
    );
    const rows: LockedGrantRow[] = grants.map((grant) => ({
      ...grant,
      envelope: grant.refresh_token_envelope_id
        ? sealed.get(grant.refresh_token_envelope_id)
        : undefined,
    }));
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
      } else if ((row.next_refresh_at && row.next_refresh_at.getTime() > now) || !row.envelope) {
        // Backing off, or no envelope to open (which the general path reports): rare, not fast.
        general.push(row.id);
      } else {
        try {
          const refreshToken = this.grantVault.openRow(
            owner,
            'refresh',
            row.refresh_token_envelope_id,
            row.envelope,
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
      results.set(row.id, await this.grantRefresh.markFailed(grant, runner.manager, error, now));
    }
    for (const id of general)
      results.set(id, await this.grantRefresh.refreshLocked(id, runner.manager, true));
    if (refreshed.length > 0) {
      await this.writeRefreshed(runner, refreshed, new Date(now));
      for (const { row } of refreshed) results.set(row.id, { kind: 'refreshed' });
    }
    return results;
  }

  // Three batched statements for the whole group, in the group's transaction: the sealed access
  // tokens (and rotated refresh tokens: in this same transaction, or they are lost), the grants,
  // and the audit events, so all or none are written. One array parameter per column, so each
  // statement's text is the same whatever the group's size.
  private async writeRefreshed(
    runner: QueryRunner,
    refreshed: ReadonlyArray<{ row: LockedGrantRow; owner: GrantOwner; tokens: GoogleTokens }>,
    now: Date,
  ): Promise<void> {
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
      events.push(refreshSucceededEvent(owner, tokens.refreshToken !== undefined));
    }
    // The envelopes first: the grants refer to them.
    await this.vault.writeSealed(envelopes, runner.manager);
    await runner.query(
      `UPDATE grants g SET
         access_token_envelope_id = v.access_envelope_id,
         access_token_expires_at = v.access_expires_at,
         scopes = coalesce(string_to_array(v.scopes, ' '), g.scopes),
         refresh_token_identifier = coalesce(v.refresh_identifier, g.refresh_token_identifier),
         refresh_token_issued_at =
           CASE WHEN v.refresh_identifier IS NULL THEN g.refresh_token_issued_at ELSE $1 END,
         last_refreshed_at = $1, failure_count = 0, last_error = NULL, next_refresh_at = NULL,
         reauth_required_at = NULL,
         health_flags = array_remove(g.health_flags, '${REAUTH_FLAG}'), updated_at = $1
       FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[])
         AS v(id, access_envelope_id, access_expires_at, scopes, refresh_identifier)
       WHERE g.id = v.id`,
      [
        now,
        grants.id,
        grants.accessEnvelopeId,
        grants.accessExpiresAt,
        grants.scopes,
        grants.refreshIdentifier,
      ],
    );
    await this.audit.recordMany(events, runner.manager);
  }
}
