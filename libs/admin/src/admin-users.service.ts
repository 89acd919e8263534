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
import { decodeCursor, pageOf, UUID_ID } from './keyset-cursor.js';
import { escapeLike, iso, sortKeySql, SqlFilter } from './sql-query.js';

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

  /** Newest first; `q` matches an email prefix, a name substring or the exact `sub`. */
  async search(query: ListUsersQueryDto): Promise<AdminUserPageDto> {
    const filter = new SqlFilter();
    const clientId = filter.param(this.clientId);
    filter.when(query.q, (q) => {
      const prefix = filter.param(`${escapeLike(query.q!.toLowerCase())}%`);
      const substring = filter.param(`%${escapeLike(query.q!)}%`);
      return `(lower(u.email) LIKE ${prefix} OR u.name ILIKE ${substring} OR u.google_sub = ${q})`;
    });
    filter.after('u.created_at', 'u.id', 'desc', decodeCursor(query.cursor, UUID_ID), '::uuid');
    const rows = await this.dataSource.query<UserRow[]>(
      `SELECT u.id, u.google_sub, u.email, u.name, u.role, u.created_at, u.last_sign_in_at,
              ${sortKeySql('u.created_at')} AS sort_key,
              coalesce(g.status, 'none') AS grant_status
         FROM users u
         LEFT JOIN grants g ON g.user_id = u.id AND g.client_id = ${clientId}
         ${filter.where}
        ORDER BY u.created_at DESC, u.id DESC
        LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return pageOf(rows, query.limit, userOf);
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
