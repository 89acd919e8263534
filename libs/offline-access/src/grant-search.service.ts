import { Injectable } from '@nestjs/common';
import { ConfigService } from '@grantkeeper/config';
import {
  decodeCursor,
  iso,
  type Page,
  pageOf,
  sortKeySql,
  SqlFilter,
  UUID_ID,
} from '@grantkeeper/database';
import { DataSource } from 'typeorm';
import type { GrantStatus } from './grant.entity.js';
import type { GrantHealthFlag } from './health-flags.js';

/** Which grants a list, a count or a bulk revocation is about; every criterion is optional. */
export interface GrantFilter {
  readonly status?: GrantStatus;
  /** A granted scope, as the full URL. */
  readonly scope?: string;
  /** At least one of these scopes granted (a service's allowed scopes). */
  readonly anyScope?: readonly string[];
  readonly flag?: GrantHealthFlag;
  /** Not used since (a never-used grant counts from its creation), ISO 8601. */
  readonly lastUsedBefore?: string;
  /** Created at or after, ISO 8601. */
  readonly createdFrom?: string;
  /** Created before, ISO 8601. */
  readonly createdTo?: string;
}

/** The columns a grant list sorts by; each has a `(column, id)` index. */
export type GrantSortColumn = 'created_at' | 'last_used_at';

export interface GrantSearchQuery extends GrantFilter {
  readonly sort: GrantSortColumn;
  readonly order: 'asc' | 'desc';
  readonly limit: number;
  /** A cursor handed out by an earlier page; anything else is a 400 `invalid_cursor`. */
  readonly cursor?: string;
}

/** A grant as lists and audits see it: its state and dates, never a token or envelope id. */
export interface GrantListing {
  readonly id: string;
  readonly userId: string;
  readonly status: GrantStatus;
  readonly scopes: string[];
  readonly healthFlags: GrantHealthFlag[];
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly lastRefreshedAt: string | null;
  readonly failureCount: number;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
  readonly revocationReason: string | null;
  readonly refreshTokenExpiresAt: string | null;
  readonly reauthRequiredAt: string | null;
}

interface GrantRow {
  id: string;
  user_id: string;
  status: GrantStatus;
  scopes: string[];
  health_flags: GrantHealthFlag[];
  created_at: Date;
  last_used_at: Date | null;
  last_refreshed_at: Date | null;
  failure_count: number;
  revoked_at: Date | null;
  revoked_by: string | null;
  revocation_reason: string | null;
  refresh_token_expires_at: Date | null;
  reauth_required_at: Date | null;
  sort_key: string | null;
}

// Named columns only: the envelope ids and the refresh-token identifier never leave the table.
const GRANT_COLUMNS = `g.id, g.user_id, g.status, g.scopes, g.health_flags, g.created_at,
  g.last_used_at, g.last_refreshed_at, g.failure_count, g.revoked_at, g.revoked_by,
  g.revocation_reason, g.refresh_token_expires_at, g.reauth_required_at`;

/** Grants by filter, in keyset pages, counts and id batches: what lists and bulk actions read. */
@Injectable()
export class GrantSearchService {
  private readonly clientId: string;

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService,
  ) {
    this.clientId = config.get('google').webClientId;
  }

  async search(query: GrantSearchQuery): Promise<Page<GrantListing>> {
    const column = `g.${query.sort}`;
    const filter = grantFilter(query);
    const position = decodeCursor(query.cursor, UUID_ID);
    filter.after(column, 'g.id', query.order, position, '::uuid', query.sort === 'last_used_at');
    const rows = await this.dataSource.query<GrantRow[]>(
      `SELECT ${GRANT_COLUMNS}, ${sortKeySql(column)} AS sort_key
         FROM grants g
         ${filter.where}
        ORDER BY ${column} ${query.order}, g.id ${query.order}
        LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return pageOf(rows, query.limit, listingOf);
  }

  /** One grant by id, or null; `grantId` must be a uuid (the caller checks). */
  async find(grantId: string): Promise<GrantListing | null> {
    return this.findWhere('g.id = $1', [grantId]);
  }

  /** The user's grant for our client, live or revoked, or null; `userId` must be a uuid. */
  async findForUser(userId: string): Promise<GrantListing | null> {
    return this.findWhere('g.user_id = $1 AND g.client_id = $2', [userId, this.clientId]);
  }

  private async findWhere(where: string, params: unknown[]): Promise<GrantListing | null> {
    const [row] = await this.dataSource.query<GrantRow[]>(
      `SELECT ${GRANT_COLUMNS}, NULL AS sort_key FROM grants g WHERE ${where}`,
      params,
    );
    return row ? listingOf(row) : null;
  }

  /**
   * The status of each user's grant for our client, in one lookup of the `(user_id,
   * client_id)` index: users without a grant are absent from the map.
   */
  async statusesOf(userIds: readonly string[]): Promise<Map<string, GrantStatus>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.dataSource.query<Array<{ user_id: string; status: GrantStatus }>>(
      `SELECT user_id, status FROM grants WHERE user_id = ANY($1::uuid[]) AND client_id = $2`,
      [[...new Set(userIds)], this.clientId],
    );
    return new Map(rows.map((row) => [row.user_id, row.status]));
  }

  /** How many live (not revoked) grants match the filter. */
  async countLive(filter: GrantFilter): Promise<number> {
    const sql = grantFilter(filter).add(`g.status <> 'revoked'`);
    const [row] = await this.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM grants g ${sql.where}`,
      sql.params,
    );
    return row.n;
  }

  /** Ids of live grants matching the filter, in id order after `after` (bulk actions' pages). */
  async liveIds(
    filter: GrantFilter,
    limit: number,
    after?: string,
  ): Promise<Array<{ id: string; userId: string }>> {
    const sql = grantFilter(filter).add(`g.status <> 'revoked'`);
    const afterId = after ? `AND g.id > ${sql.param(after)}::uuid` : '';
    const rows = await this.dataSource.query<Array<{ id: string; user_id: string }>>(
      `SELECT g.id, g.user_id FROM grants g ${sql.where}
        ${afterId} ORDER BY g.id LIMIT ${sql.param(limit)}`,
      sql.params,
    );
    return rows.map((row) => ({ id: row.id, userId: row.user_id }));
  }
}

function grantFilter(query: GrantFilter): SqlFilter {
  return (
    new SqlFilter()
      .when(query.status, (p) => `g.status = ${p}`)
      .when(query.scope, (p) => `g.scopes @> ARRAY[${p}]::text[]`)
      .when(query.anyScope && [...query.anyScope], (p) => `g.scopes && ${p}::text[]`)
      .when(query.flag, (p) => `g.health_flags @> ARRAY[${p}]::text[]`)
      // A grant is used only after it was created, so "not used since X" also means "created
      // before X": said outright, the created_at index can start there instead of walking every
      // grant created since (at 1,000,000 grants, most of the table for a date a year back).
      .when(
        query.lastUsedBefore,
        (p) => `coalesce(g.last_used_at, g.created_at) < ${p} AND g.created_at < ${p}`,
      )
      .when(query.createdFrom, (p) => `g.created_at >= ${p}`)
      .when(query.createdTo, (p) => `g.created_at < ${p}`)
  );
}

function listingOf(row: GrantRow): GrantListing {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    scopes: row.scopes,
    healthFlags: row.health_flags,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: iso(row.last_used_at),
    lastRefreshedAt: iso(row.last_refreshed_at),
    failureCount: row.failure_count,
    revokedAt: iso(row.revoked_at),
    revokedBy: row.revoked_by,
    revocationReason: row.revocation_reason,
    refreshTokenExpiresAt: iso(row.refresh_token_expires_at),
    reauthRequiredAt: iso(row.reauth_required_at),
  };
}
