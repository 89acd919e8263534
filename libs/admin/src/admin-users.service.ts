import { Injectable } from '@nestjs/common';
import { type AuditRequestContext, AuditService } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import {
  type AuthenticatedUser,
  SessionsService,
  UserProfileDto,
  type UserRole,
  UsersService,
} from '@grantkeeper/identity';
import { GrantsService, GrantViewDto } from '@grantkeeper/offline-access';
import { UserTasksService } from '@grantkeeper/scheduler';
import { DataSource } from 'typeorm';
import { AdminError, assertUuid, notFound } from './admin.errors.js';
import {
  type AdminUserDetailDto,
  type AdminUserDto,
  type AdminUserPageDto,
} from './dto/admin-user.dto.js';
import { AUDIT_COLUMNS, type AuditEventRow, auditEventOf } from './dto/audit-event.dto.js';
import type { ListUsersQueryDto } from './dto/list-users.query.js';
import { decodeCursor, type KeysetPosition, pageOf, UUID_ID } from './keyset-cursor.js';
import { escapeLike, iso, sortKeySql, SqlFilter } from './sql-query.js';

/** How many of the newest users a search looks through before it turns to the indexes. */
const RECENT_WINDOW = 3_000;
/** A `q` that can only be a `sub` (digits): the unique index finds it, no walk can help. */
const SUB_LIKE = /^\d{6,}$/;

interface UserRow {
  id: string;
  google_sub: string;
  email: string | null;
  name: string | null;
  role: UserRole;
  created_at: Date;
  last_sign_in_at: Date | null;
  grant_status: string;
  sort_key: string;
}

/** The admin's view of users: search, a user's page, their sessions and their role. */
@Injectable()
export class AdminUsersService {
  private readonly clientId: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly grants: GrantsService,
    private readonly tasks: UserTasksService,
    private readonly audit: AuditService,
    config: ConfigService,
  ) {
    this.clientId = config.get('google').webClientId;
  }

  /**
   * Newest first; `q` matches an email prefix, a name substring or the exact `sub`. No single
   * plan suits every `q` (PostgreSQL's estimates for `LIKE`/`ILIKE` are rough): a common term is
   * found fastest by walking users newest first, a rare one through the email and name indexes.
   * So a search first looks among the newest {@link RECENT_WINDOW} users after the cursor, and
   * only when that does not fill the page collects every match through the indexes. Both give
   * the same page: the first is the second restricted to a prefix of the same order.
   */
  async search(query: ListUsersQueryDto): Promise<AdminUserPageDto> {
    const position = decodeCursor(query.cursor, UUID_ID);
    if (query.q !== undefined && !SUB_LIKE.test(query.q)) {
      const recent = await this.page(query.limit, position, query.q, RECENT_WINDOW);
      if (recent.length > query.limit) return pageOf(recent, query.limit, userOf);
    }
    return pageOf(await this.page(query.limit, position, query.q), query.limit, userOf);
  }

  private page(
    limit: number,
    position: KeysetPosition | undefined,
    q: string | undefined,
    window?: number,
  ): Promise<UserRow[]> {
    const filter = new SqlFilter();
    const clientId = filter.param(this.clientId);
    filter.after('u.created_at', 'u.id', 'desc', position, '::uuid');
    const newest = 'ORDER BY u.created_at DESC, u.id DESC';
    let from = `users u ${filter.where}`;
    let prefix = '';
    if (q !== undefined && window !== undefined) {
      const recent = `SELECT * FROM users u ${filter.where} ${newest} LIMIT ${filter.param(window)}`;
      from = `(SELECT * FROM (${recent}) u WHERE ${matchSql(filter, q)}) u`;
    } else if (q !== undefined) {
      // Materialised: every match through the indexes, never a walk of the whole table.
      filter.add(matchSql(filter, q));
      prefix = `WITH matches AS MATERIALIZED (SELECT * FROM users u ${filter.where})`;
      from = 'matches u';
    }
    // The page first, then each of its users' grant: never a join over every match.
    return this.dataSource.query<UserRow[]>(
      `${prefix}
       SELECT u.id, u.google_sub, u.email, u.name, u.role, u.created_at, u.last_sign_in_at,
              ${sortKeySql('u.created_at')} AS sort_key,
              coalesce(g.status, 'none') AS grant_status
         FROM (SELECT * FROM ${from} ${newest} LIMIT ${filter.param(limit + 1)}) u
         LEFT JOIN grants g ON g.user_id = u.id AND g.client_id = ${clientId}
        ${newest}`,
      filter.params,
    );
  }

  async detail(userId: string): Promise<AdminUserDetailDto> {
    const user = await this.findUser(userId);
    const [sessions, grant, tasks, recentAudit] = await Promise.all([
      this.sessions.liveForUser(user.id),
      this.grants.forUser(user.id),
      this.tasks.list(user.id),
      this.dataSource.query<AuditEventRow[]>(
        `SELECT ${AUDIT_COLUMNS} FROM audit_events e WHERE e.subject_user_id = $1
          ORDER BY e.occurred_at DESC, e.id DESC LIMIT 20`,
        [user.id],
      ),
    ]);
    return {
      profile: UserProfileDto.from(user),
      sessions: sessions.map((session) => ({
        id: session.id,
        createdAt: session.createdAt.toISOString(),
        lastSeenAt: session.lastSeenAt.toISOString(),
        ip: session.ip,
        userAgent: session.userAgent,
      })),
      grant: grant ? GrantViewDto.from(grant) : GrantViewDto.none(),
      grantId: grant?.id ?? null,
      tasks: tasks.map((task) => ({ ...task, scopes: [...task.scopes] })),
      recentAudit: recentAudit.map(auditEventOf),
    };
  }

  /** Ends every live session of the user (they must sign in again), on the record. */
  async revokeSessions(
    userId: string,
    admin: AuthenticatedUser,
    context: AuditRequestContext,
  ): Promise<{ revoked: number }> {
    const user = await this.findUser(userId);
    const revoked = await this.sessions.revokeAllForUser(user.id, 'admin');
    await this.audit.record({
      action: 'admin.sessions_revoked',
      actor: { kind: 'admin', id: admin.id },
      subjectUserId: user.id,
      context,
      details: { revoked },
    });
    return { revoked };
  }

  /** Promotes or demotes a user; the last admin can't be demoted. */
  async setRole(
    userId: string,
    role: UserRole,
    admin: AuthenticatedUser,
    context: AuditRequestContext,
  ): Promise<UserProfileDto> {
    assertUuid(userId, 'user');
    const change = await this.users.changeRole(userId, role);
    switch (change.outcome) {
      case 'not_found':
        throw notFound('user');
      case 'last_admin':
        throw new AdminError('last_admin', 'The last admin cannot be demoted.');
      case 'changed':
        break;
    }
    await this.audit.record({
      action: 'admin.role_changed',
      actor: { kind: 'admin', id: admin.id },
      subjectUserId: userId,
      context,
      details: { from: change.previous, to: role },
    });
    return UserProfileDto.from(change.user);
  }

  private async findUser(userId: string) {
    assertUuid(userId, 'user');
    const user = await this.users.findById(userId);
    if (!user) throw notFound('user');
    return user;
  }
}

/** An email prefix (case-insensitive), a name substring or the exact `sub`. */
function matchSql(filter: SqlFilter, q: string): string {
  const prefix = filter.param(`${escapeLike(q.toLowerCase())}%`);
  const substring = filter.param(`%${escapeLike(q)}%`);
  const sub = filter.param(q);
  return `(lower(u.email) LIKE ${prefix} OR u.name ILIKE ${substring} OR u.google_sub = ${sub})`;
}

function userOf(row: UserRow): AdminUserDto {
  return {
    id: row.id,
    sub: row.google_sub,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.created_at.toISOString(),
    lastSignInAt: iso(row.last_sign_in_at),
    grantStatus: row.grant_status,
  };
}
