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
import {
  AUDIT_COLUMNS,
  type AuditEventWithPeopleRow,
  auditEventOf,
  withPeopleSql,
} from './dto/audit-event.dto.js';
import type { ListUsersQueryDto } from './dto/list-users.query.js';
import { decodeCursor, type KeysetPosition, pageOf, UUID_ID } from './keyset-cursor.js';
import { escapeLike, iso, sortKeySql, SqlFilter } from './sql-query.js';

/** How many of the newest users a search looks through first. */
const FIRST_LOOK = 1_000;
/** How many at most, when the first look suggests the page is among them, before the indexes. */
const RECENT_WINDOW = 3_000;
/** A `q` that can only be a `sub` (digits): the unique index finds it, no walk can help. */
const SUB_LIKE = /^\d{6,}$/;
const NEWEST = 'ORDER BY u.created_at DESC, u.id DESC';

/**
 * After the first look found `found` matches (fewer than a page), whether the newest
 * {@link RECENT_WINDOW} users would likely fill the page of `limit` at the same rate. A term
 * that rare is left to the indexes at once: looking further would only add to its cost. Either
 * way the page is the same; this only picks the cheaper way to it.
 */
function worthLookingFurther(found: number, limit: number): boolean {
  return found * (RECENT_WINDOW / FIRST_LOOK) > limit;
}

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
  private readonly adminEmails: ReadonlySet<string>;

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
    this.adminEmails = new Set(config.get('adminEmails'));
  }

  /**
   * Whether sign-in makes this user an admin again (`ADMIN_EMAILS`, a verified address): the same
   * rule as {@link UsersService.upsertFromIdToken}, so a demotion from the dashboard would only
   * last until their next sign-in.
   */
  isBootstrapAdmin(user: { email: string | null; emailVerified: boolean }): boolean {
    return (
      user.emailVerified && user.email !== null && this.adminEmails.has(user.email.toLowerCase())
    );
  }

  /**
   * Newest first; `q` matches part of the email or the name, or the exact `sub`. No single
   * plan suits every `q` (PostgreSQL's estimates for `LIKE`/`ILIKE` are rough): a common term is
   * found fastest by walking users newest first, a rare one through the email and name indexes.
   * So a search first looks among the newest {@link FIRST_LOOK} users after the cursor, then,
   * if matches came at a rate that promises a page there, among the newest
   * {@link RECENT_WINDOW}, and otherwise collects the newest matches through the indexes. Every
   * way gives the same page: a look is the full search restricted to a prefix of the same order,
   * and is used only when it fills the page.
   */
  async search(query: ListUsersQueryDto): Promise<AdminUserPageDto> {
    const { limit, q } = query;
    const position = decodeCursor(query.cursor, UUID_ID);
    if (q === undefined) return pageOf(await this.newest(limit, position), limit, userOf);
    if (!SUB_LIKE.test(q)) {
      const first = await this.recent(limit, position, q, FIRST_LOOK);
      if (first.length > limit) return pageOf(first, limit, userOf);
      if (worthLookingFurther(first.length, limit)) {
        const recent = await this.recent(limit, position, q, RECENT_WINDOW);
        if (recent.length > limit) return pageOf(recent, limit, userOf);
      }
    }
    return pageOf(await this.indexed(limit, position, q), limit, userOf);
  }

  /** The newest users after the position. */
  private newest(limit: number, position: KeysetPosition | undefined): Promise<UserRow[]> {
    const filter = new SqlFilter();
    filter.after('u.created_at', 'u.id', 'desc', position, '::uuid');
    const page = `SELECT u.* FROM users u ${filter.where} ${NEWEST} LIMIT ${filter.param(limit + 1)}`;
    return this.withGrants('', page, filter);
  }

  /** The matches among the newest `window` users after the position. */
  private recent(
    limit: number,
    position: KeysetPosition | undefined,
    q: string,
    window: number,
  ): Promise<UserRow[]> {
    const filter = new SqlFilter();
    filter.after('u.created_at', 'u.id', 'desc', position, '::uuid');
    const recent = `SELECT * FROM users u ${filter.where} ${NEWEST} LIMIT ${filter.param(window)}`;
    const page = `SELECT u.* FROM (${recent}) u WHERE ${matchSql(filter, q)}
                   ${NEWEST} LIMIT ${filter.param(limit + 1)}`;
    return this.withGrants('', page, filter);
  }

  /**
   * Every match after the position through the indexes, one way per kind of match, each
   * materialised (so never a walk of the whole table) and cut to its own newest page before
   * they are merged: the newest page of the union is among the union of the newest pages. Only
   * ids and creation times travel: emails and names come from their trigram indexes
   * (`users_email_trgm_idx`, `users_name_trgm_idx`) and the heap, and only the page's users
   * are read in full.
   */
  private indexed(
    limit: number,
    position: KeysetPosition | undefined,
    q: string,
  ): Promise<UserRow[]> {
    const filter = new SqlFilter();
    filter.after('u.created_at', 'u.id', 'desc', position, '::uuid');
    const n = filter.param(limit + 1);
    const substring = filter.param(`%${escapeLike(q)}%`);
    const sub = filter.param(q);
    const keys = (match: string) =>
      `SELECT u.id, u.created_at FROM users u ${filter.whereAlso(match)}`;
    const newestOf = (cte: string) => `(SELECT * FROM ${cte} u ${NEWEST} LIMIT ${n})`;
    const ctes = `WITH by_email AS MATERIALIZED (${keys(`u.email ILIKE ${substring}`)}),
         by_name AS MATERIALIZED (${keys(`u.name ILIKE ${substring}`)})`;
    const page = `SELECT u.* FROM (
        SELECT u.id FROM (${newestOf('by_email')} UNION ${newestOf('by_name')}
                          UNION ${keys(`u.google_sub = ${sub}`)}) u
         ${NEWEST} LIMIT ${n}) m
      JOIN users u ON u.id = m.id`;
    return this.withGrants(ctes, page, filter);
  }

  /** The page's users (at most `limit + 1`, from `page`), newest first, each with their grant. */
  private withGrants(ctes: string, page: string, filter: SqlFilter): Promise<UserRow[]> {
    const clientId = filter.param(this.clientId);
    return this.dataSource.query<UserRow[]>(
      `${ctes}
       SELECT u.id, u.google_sub, u.email, u.name, u.role, u.created_at, u.last_sign_in_at,
              ${sortKeySql('u.created_at')} AS sort_key,
              coalesce(g.status, 'none') AS grant_status
         FROM (${page}) u
         LEFT JOIN grants g ON g.user_id = u.id AND g.client_id = ${clientId}
        ${NEWEST}`,
      filter.params,
    );
  }

  async detail(userId: string): Promise<AdminUserDetailDto> {
    const user = await this.findUser(userId);
    const [sessions, grant, tasks, recentAudit] = await Promise.all([
      this.sessions.liveForUser(user.id),
      this.grants.forUser(user.id),
      this.tasks.list(user.id),
      this.dataSource.query<AuditEventWithPeopleRow[]>(
        withPeopleSql(`SELECT ${AUDIT_COLUMNS} FROM audit_events e WHERE e.subject_user_id = $1
          ORDER BY e.occurred_at DESC, e.id DESC LIMIT 20`),
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
      bootstrapAdmin: this.isBootstrapAdmin(user),
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

  /** Ends one live session of the user (that device must sign in again), on the record. */
  async revokeSession(
    userId: string,
    sessionId: string,
    admin: AuthenticatedUser,
    context: AuditRequestContext,
  ): Promise<void> {
    const user = await this.findUser(userId);
    assertUuid(sessionId, 'session');
    if (!(await this.sessions.revokeOneForUser(user.id, sessionId, 'admin'))) {
      throw notFound('session');
    }
    await this.audit.record({
      action: 'admin.session_revoked',
      actor: { kind: 'admin', id: admin.id },
      subjectUserId: user.id,
      context,
      details: { session_id: sessionId },
    });
  }

  /** Promotes or demotes a user; neither the last admin nor a bootstrap admin can be demoted. */
  async setRole(
    userId: string,
    role: UserRole,
    admin: AuthenticatedUser,
    context: AuditRequestContext,
  ): Promise<UserProfileDto> {
    if (role !== 'admin' && this.isBootstrapAdmin(await this.findUser(userId))) {
      throw new AdminError(
        'bootstrap_admin',
        'This admin is listed in ADMIN_EMAILS and would be made an admin again at their next sign-in: remove the address from ADMIN_EMAILS to demote them.',
      );
    }
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

/** Part of the email or of the name (case-insensitive), or the exact `sub`. */
function matchSql(filter: SqlFilter, q: string): string {
  const substring = filter.param(`%${escapeLike(q)}%`);
  const sub = filter.param(q);
  return `(u.email ILIKE ${substring} OR u.name ILIKE ${substring} OR u.google_sub = ${sub})`;
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
