import { Injectable } from '@nestjs/common';
import { type AuditRequestContext, AuditService } from '@grantkeeper/audit';
import { isUuid } from '@grantkeeper/database';
import { DataSource, type EntityManager } from 'typeorm';
import { DisclosuresService } from './disclosures.service.js';
import type { ServiceClient } from './service-client.js';
import { clientOf } from './service-clients.service.js';
import { ServiceApiError } from './service-api.errors.js';

/** A service as its user sees it on /account: what it did with their Google access. */
export interface AccountServiceView {
  readonly clientId: string;
  readonly name: string;
  readonly team: string;
  /** The user-facing features (purpose catalogue texts) it asked for the access for. */
  readonly features: string[];
  readonly tokensIssued: number;
  readonly requestsRefused: number;
  readonly lastRequestAt: Date | null;
  readonly lastIssuedAt: Date | null;
  readonly blocked: boolean;
  readonly blockedAt: Date | null;
}

/**
 * The services a user blocked (`user_service_blocks`): a blocked service gets 403
 * `blocked_by_user` for that user from token issuance and the grant lookups, while the grant
 * itself, and every other service's use of it, stays as it is. Blocking and unblocking are the
 * user's own changes, audited with the user as the actor.
 */
@Injectable()
export class UserServiceBlocksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly disclosures: DisclosuresService,
  ) {}

  /** Throws 403 `blocked_by_user` when the user blocked the service. */
  async assertNotBlocked(userId: string, clientId: string): Promise<void> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM user_service_blocks WHERE user_id = $1 AND client_id = $2`,
      [userId, clientId],
    );
    if (rows.length > 0) throw blockedByUser();
  }

  /** Which of these users blocked the service (for a page of grants). */
  async blockedAmong(clientId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.dataSource.query<Array<{ user_id: string }>>(
      `SELECT user_id FROM user_service_blocks WHERE client_id = $1 AND user_id = ANY($2::uuid[])`,
      [clientId, [...userIds]],
    );
    return new Set(rows.map((row) => row.user_id));
  }

  /**
   * Every service that used or asked for the user's Google access, and every one they blocked:
   * most recent first. Services an admin deleted are gone from the list (they can ask no more).
   */
  async servicesOf(userId: string): Promise<AccountServiceView[]> {
    const [summaries, blocks] = await Promise.all([
      this.disclosures.summaryForUser(userId),
      this.dataSource.query<Array<{ client_id: string; created_at: Date }>>(
        `SELECT client_id, created_at FROM user_service_blocks WHERE user_id = $1`,
        [userId],
      ),
    ]);
    const blockedAt = new Map(blocks.map((row) => [row.client_id, row.created_at]));
    const ids = [...new Set([...summaries.map((s) => s.clientId), ...blockedAt.keys()])];
    if (ids.length === 0) return [];
    const clients = new Map(
      (
        await this.dataSource.query<Parameters<typeof clientOf>[0][]>(
          `SELECT * FROM service_clients WHERE id = ANY($1::uuid[])`,
          [ids],
        )
      ).map((row) => [row.id, clientOf(row)]),
    );
    const bySummary = new Map(summaries.map((summary) => [summary.clientId, summary]));
    return ids
      .filter((id) => clients.has(id))
      .map((id) => {
        const client = clients.get(id)!;
        const summary = bySummary.get(id);
        return {
          clientId: id,
          name: client.name,
          team: client.team,
          features: (summary?.purposes ?? []).map((purpose) => featureOf(client, purpose)).sort(),
          tokensIssued: summary?.tokensIssued ?? 0,
          requestsRefused: summary?.requestsRefused ?? 0,
          lastRequestAt: summary?.lastRequestAt ?? null,
          lastIssuedAt: summary?.lastIssuedAt ?? null,
          blocked: blockedAt.has(id),
          blockedAt: blockedAt.get(id) ?? null,
        };
      })
      .sort(
        (a, b) =>
          (b.lastRequestAt?.getTime() ?? 0) - (a.lastRequestAt?.getTime() ?? 0) ||
          a.name.localeCompare(b.name),
      );
  }

  /** Blocks the service for the user (again: no change); 404 `not_found` for no such service. */
  async block(
    userId: string,
    clientId: string,
    context: AuditRequestContext,
  ): Promise<AccountServiceView> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertClient(clientId, manager.query.bind(manager));
      const inserted = await manager.query<unknown[]>(
        `INSERT INTO user_service_blocks (user_id, client_id) VALUES ($1, $2)
         ON CONFLICT (user_id, client_id) DO NOTHING RETURNING client_id`,
        [userId, clientId],
      );
      if (inserted.length > 0) {
        await this.record('service_client.blocked_by_user', userId, clientId, context, manager);
      }
    });
    return this.viewOf(userId, clientId);
  }

  /** Lifts the user's block (none: no change); 404 `not_found` for no such service. */
  async unblock(
    userId: string,
    clientId: string,
    context: AuditRequestContext,
  ): Promise<AccountServiceView> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertClient(clientId, manager.query.bind(manager));
      const [, deleted] = await manager.query<[unknown[], number]>(
        `DELETE FROM user_service_blocks WHERE user_id = $1 AND client_id = $2`,
        [userId, clientId],
      );
      if (deleted > 0) {
        await this.record('service_client.unblocked_by_user', userId, clientId, context, manager);
      }
    });
    return this.viewOf(userId, clientId);
  }

  private async viewOf(userId: string, clientId: string): Promise<AccountServiceView> {
    const found = (await this.servicesOf(userId)).find((view) => view.clientId === clientId);
    if (found) return found;
    // Never asked for this user's access, not blocked: nothing on the record.
    const [row] = await this.dataSource.query<Parameters<typeof clientOf>[0][]>(
      `SELECT * FROM service_clients WHERE id = $1`,
      [clientId],
    );
    if (!row) throw notFound();
    return {
      clientId,
      name: row.name,
      team: row.team,
      features: [],
      tokensIssued: 0,
      requestsRefused: 0,
      lastRequestAt: null,
      lastIssuedAt: null,
      blocked: false,
      blockedAt: null,
    };
  }

  private async assertClient(
    clientId: string,
    query: (sql: string, params: unknown[]) => Promise<unknown[]>,
  ): Promise<void> {
    if (!isUuid(clientId)) throw notFound();
    // Locked, so an admin's delete cannot pass between this check and the insert.
    const rows = await query(`SELECT id FROM service_clients WHERE id = $1 FOR KEY SHARE`, [
      clientId,
    ]);
    if (rows.length === 0) throw notFound();
  }

  private record(
    action: string,
    userId: string,
    clientId: string,
    context: AuditRequestContext,
    manager: EntityManager,
  ): Promise<void> {
    return this.audit.record(
      {
        action,
        actor: { kind: 'user', id: userId },
        subjectUserId: userId,
        context,
        details: { client_id: clientId },
      },
      manager,
    );
  }
}

/** The catalogue's text for a purpose; the id if the catalogue no longer has it. */
function featureOf(client: ServiceClient, purpose: string): string {
  return client.purposes.find((entry) => entry.id === purpose)?.feature ?? purpose;
}

export function blockedByUser(): ServiceApiError {
  return new ServiceApiError(
    'blocked_by_user',
    'The user blocked this service from using their Google access.',
  );
}

function notFound(): ServiceApiError {
  return new ServiceApiError('not_found', 'No such service.');
}
