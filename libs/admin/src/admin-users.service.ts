import { Injectable } from '@nestjs/common';
import { type AuditRequestContext, AuditSearchService, AuditService } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import {
  type AuthenticatedUser,
  SessionsService,
  UserProfileDto,
  type UserRole,
  UserSearchService,
  UsersService,
} from '@grantkeeper/identity';
import { GrantSearchService, GrantsService, GrantViewDto } from '@grantkeeper/offline-access';
import { UserTasksService } from '@grantkeeper/scheduler';
import { AdminError, assertUuid, notFound } from './admin.errors.js';
import { AuditEventsWithPeople } from './audit-events-with-people.js';
import type { AdminUserDetailDto, AdminUserPageDto } from './dto/admin-user.dto.js';
import type { ListUsersQueryDto } from './dto/list-users.query.js';

/** How many of a user's newest events their page shows. */
const RECENT_AUDIT = 20;

/** The admin's view of users: search, a user's page, their sessions and their role. */
@Injectable()
export class AdminUsersService {
  private readonly adminEmails: ReadonlySet<string>;

  constructor(
    private readonly users: UsersService,
    private readonly userSearch: UserSearchService,
    private readonly grantSearch: GrantSearchService,
    private readonly auditSearch: AuditSearchService,
    private readonly withPeople: AuditEventsWithPeople,
    private readonly sessions: SessionsService,
    private readonly grants: GrantsService,
    private readonly tasks: UserTasksService,
    private readonly audit: AuditService,
    config: ConfigService,
  ) {
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
   * Newest first, `q` matching part of the email or the name or the exact `sub` (identity's
   * search), each user with the status of their grant for our client.
   */
  async search(query: ListUsersQueryDto): Promise<AdminUserPageDto> {
    const page = await this.userSearch.search(query);
    const statuses = await this.grantSearch.statusesOf(page.items.map((user) => user.id));
    return {
      items: page.items.map((user) => ({
        ...user,
        grantStatus: statuses.get(user.id) ?? 'none',
      })),
      nextCursor: page.nextCursor,
    };
  }

  async detail(userId: string): Promise<AdminUserDetailDto> {
    const user = await this.findUser(userId);
    const [sessions, grant, tasks, recentAudit] = await Promise.all([
      this.sessions.liveForUser(user.id),
      this.grants.forUser(user.id),
      this.tasks.list(user.id),
      this.auditSearch.forUser(user.id, RECENT_AUDIT).then((events) => this.withPeople.of(events)),
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
      recentAudit,
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
