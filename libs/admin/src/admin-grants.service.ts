import { Injectable } from '@nestjs/common';
import type { AuditRequestContext } from '@grantkeeper/audit';
import type { AuthenticatedUser } from '@grantkeeper/identity';
import { GrantsService, GrantViewDto } from '@grantkeeper/offline-access';
import { DataSource } from 'typeorm';
import { AdminError, assertUuid, notFound } from './admin.errors.js';
import type {
  AdminGrantDetailDto,
  AdminGrantDto,
  AdminGrantPageDto,
  RevokedGrantDto,
} from './dto/admin-grant.dto.js';
import {
  AUDIT_COLUMNS,
  type AuditEventWithPeopleRow,
  auditEventOf,
  withPeopleSql,
} from './dto/audit-event.dto.js';
import type { GrantFilterDto, ListGrantsQueryDto } from './dto/list-grants.query.js';
import { decodeCursor, pageOf, UUID_ID } from './keyset-cursor.js';
import { iso, sortKeySql, SqlFilter } from './sql-query.js';

interface GrantRow {
  id: string;
  user_id: string;
  email: string | null;
  status: string;
  scopes: string[];
  health_flags: string[];
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
const GRANT_COLUMNS = `g.id, g.user_id, u.email, g.status, g.scopes, g.health_flags, g.created_at,
  g.last_used_at, g.last_refreshed_at, g.failure_count, g.revoked_at, g.revoked_by,
  g.revocation_reason, g.refresh_token_expires_at, g.reauth_required_at`;

/** The admin's view of grants: lists by filter, a grant's timeline, and revocation. */
@Injectable()
export class AdminGrantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly grants: GrantsService,
  ) {}

  async search(query: ListGrantsQueryDto): Promise<AdminGrantPageDto> {
    const column = `g.${query.sort}`;
    const filter = grantFilter(query);
    const position = decodeCursor(query.cursor, UUID_ID);
    filter.after(column, 'g.id', query.order, position, '::uuid', query.sort === 'last_used_at');
    const rows = await this.dataSource.query<GrantRow[]>(
      `SELECT ${GRANT_COLUMNS}, ${sortKeySql(column)} AS sort_key
         FROM grants g JOIN users u ON u.id = g.user_id
         ${filter.where}
        ORDER BY ${column} ${query.order}, g.id ${query.order}
        LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return pageOf(rows, query.limit, grantOf);
  }

  async detail(grantId: string): Promise<AdminGrantDetailDto> {
    const grant = await this.find(grantId);
    const events = await this.dataSource.query<AuditEventWithPeopleRow[]>(
      withPeopleSql(`SELECT ${AUDIT_COLUMNS} FROM audit_events e WHERE e.grant_id = $1
        ORDER BY e.occurred_at DESC, e.id DESC LIMIT 200`),
      [grant.id],
    );
    return {
      grant,
      revokedByEmail: await this.emailOfActor(grant.revokedBy),
      timeline: events.map(auditEventOf),
    };
  }

  /** The email of `admin:<id>` or `user:<id>` (who revoked), or null for anyone else. */
  private async emailOfActor(actor: string | null): Promise<string | null> {
    const id = /^(?:admin|user):([0-9a-f-]{36})$/i.exec(actor ?? '')?.[1];
    if (!id) return null;
    const [row] = await this.dataSource.query<Array<{ email: string | null }>>(
      `SELECT email FROM users WHERE id = $1::uuid`,
      [id],
    );
    return row?.email ?? null;
  }

  /**
   * Revokes at once here; Google's revoke follows, and when Google can't be reached the purge
   * job retries it (`upstream: 'pending'`). Audited by GrantsService with the admin as actor.
   */
  async revoke(
    grantId: string,
    reason: string,
    admin: AuthenticatedUser,
    context: AuditRequestContext,
  ): Promise<RevokedGrantDto> {
    const found = await this.find(grantId);
    if (found.status === 'revoked') {
      throw new AdminError('already_revoked', 'The grant is already revoked.');
    }
    const { grant, upstream } = await this.grants.revoke(
      found.userId,
      { kind: 'admin', id: admin.id },
      reason,
      context,
    );
    return { ...GrantViewDto.from(grant), id: grant.id, upstream };
  }

  /** How many live (not revoked) grants match the filter. */
  async countMatching(filter: GrantFilterDto): Promise<number> {
    const sql = grantFilter(filter).add(`g.status <> 'revoked'`);
    const [row] = await this.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM grants g ${sql.where}`,
      sql.params,
    );
    return row.n;
  }

  /** Ids of live grants matching the filter, in id order after `after` (bulk revocation's pages). */
  async idsMatching(filter: GrantFilterDto, limit: number, after?: string) {
    const sql = grantFilter(filter).add(`g.status <> 'revoked'`);
    const afterId = after ? `AND g.id > ${sql.param(after)}::uuid` : '';
    return this.dataSource.query<Array<{ id: string; user_id: string }>>(
      `SELECT g.id, g.user_id FROM grants g ${sql.where}
        ${afterId} ORDER BY g.id LIMIT ${sql.param(limit)}`,
      sql.params,
    );
  }

  private async find(grantId: string): Promise<AdminGrantDto> {
    assertUuid(grantId, 'grant');
    const [row] = await this.dataSource.query<GrantRow[]>(
      `SELECT ${GRANT_COLUMNS}, NULL AS sort_key
         FROM grants g JOIN users u ON u.id = g.user_id WHERE g.id = $1`,
      [grantId],
    );
    if (!row) throw notFound('grant');
    return grantOf(row);
  }
}

function grantFilter(query: GrantFilterDto): SqlFilter {
  return (
    new SqlFilter()
      .when(query.status, (p) => `g.status = ${p}`)
      .when(query.scope, (p) => `g.scopes @> ARRAY[${p}]::text[]`)
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

function grantOf(row: GrantRow): AdminGrantDto {
  return {
    id: row.id,
    userId: row.user_id,
    email: row.email,
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
