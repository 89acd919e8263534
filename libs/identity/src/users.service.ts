import { Injectable } from '@nestjs/common';
import { AuditService } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type AuthenticatedUser, toAuthenticatedUser } from './authenticated-user.js';
import { BearerUserCache } from './bearer-user.cache.js';
import type { VerifiedIdToken } from './verified-id-token.js';
import { UserEntity, type UserRole } from './user.entity.js';
import { isUuid } from '@grantkeeper/database';

/** How long a Bearer caller's user row is reused in this instance before it is read again. */
const BEARER_USER_TTL_MS = 5_000;

const UPSERT_SQL = `
  INSERT INTO users AS u
    (google_sub, email, email_verified, name, given_name, family_name, picture, hd, role,
     last_sign_in_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9 THEN 'admin' ELSE 'user' END,
          CASE WHEN $10 THEN now() END)
  ON CONFLICT (google_sub) DO UPDATE SET
    email = EXCLUDED.email,
    email_verified = EXCLUDED.email_verified,
    name = EXCLUDED.name,
    given_name = EXCLUDED.given_name,
    family_name = EXCLUDED.family_name,
    picture = EXCLUDED.picture,
    hd = EXCLUDED.hd,
    role = CASE WHEN $9 THEN 'admin' ELSE u.role END,
    last_sign_in_at = CASE WHEN $10 THEN now() ELSE u.last_sign_in_at END,
    updated_at = now()
  RETURNING u.id`;

/** What {@link UsersService.changeRole} did. */
export type RoleChange =
  | { readonly outcome: 'not_found' }
  | { readonly outcome: 'last_admin' }
  | { readonly outcome: 'changed'; readonly user: UserEntity; readonly previous: UserRole };

/** Users, created and refreshed from verified Google ID tokens. */
@Injectable()
export class UsersService {
  private readonly adminEmails: ReadonlySet<string>;
  private readonly hostedDomain: string | undefined;
  /** Bearer callers by `sub`, as the guard hands them to handlers. */
  private readonly bearerUsers = new BearerUserCache({
    maxEntries: 10_000,
    ttlMs: BEARER_USER_TTL_MS,
  });

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly audit: AuditService,
    config: ConfigService,
  ) {
    this.adminEmails = new Set(config.get('adminEmails'));
    this.hostedDomain = config.get('google').hostedDomain;
  }

  /**
   * Whether the user may act under the configured hosted domain (always, when none is). Users
   * created before `GOOGLE_HOSTED_DOMAIN` was set keep their rows, sessions and grants: this is
   * how each later use (session check, broker) holds them to the new rule.
   */
  inHostedDomain(user: Pick<UserEntity, 'hd'>): boolean {
    return this.hostedDomain === undefined || user.hd === this.hostedDomain;
  }

  /** {@link inHostedDomain} for a user id; an unknown user is not in the domain. */
  async idInHostedDomain(userId: string): Promise<boolean> {
    if (this.hostedDomain === undefined) return true;
    const user = await this.users.findOne({
      where: { id: userId },
      select: { id: true, hd: true },
    });
    return user !== null && this.inHostedDomain(user);
  }

  /**
   * Creates or refreshes the user with this token's `sub`. The profile is replaced by the token's
   * claims. Accounts are never matched by email; a configured bootstrap admin email only raises
   * the role, and only when Google says the address is verified.
   */
  async upsertFromIdToken(
    token: VerifiedIdToken,
    options: { signIn: boolean },
  ): Promise<UserEntity> {
    const user = await this.upsert(token, options);
    this.rememberBearerUser(user);
    return user;
  }

  /**
   * The user behind a Bearer ID token. API callers send a token per request, so the row is reused
   * for a few seconds per instance instead of being written on every call; a role change is seen
   * within {@link BEARER_USER_TTL_MS}.
   */
  async fromBearerToken(token: VerifiedIdToken): Promise<AuthenticatedUser> {
    return (
      this.cachedBearerUser(token) ??
      this.rememberBearerUser(await this.upsert(token, { signIn: false }))
    );
  }

  /** {@link fromBearerToken} when the answer is already in memory, without a promise. */
  cachedBearerUser(token: VerifiedIdToken): AuthenticatedUser | undefined {
    return this.bearerUsers.get(token.sub);
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** How many users there are. */
  async count(): Promise<number> {
    return this.users.count();
  }

  /**
   * The emails of the users with these ids, in one primary-key lookup: a map from id to email
   * (null when the user has none). Ids that are not uuids, or of users that no longer exist,
   * are absent from the map.
   */
  async emailsOf(ids: Iterable<string>): Promise<Map<string, string | null>> {
    const wanted = [...new Set(ids)].filter((id) => isUuid(id));
    if (wanted.length === 0) return new Map();
    const rows = await this.users.query<Array<{ id: string; email: string | null }>>(
      `SELECT id, email FROM users WHERE id = ANY($1::uuid[])`,
      [wanted],
    );
    return new Map(rows.map((row) => [row.id, row.email]));
  }

  /** The user with this Google account id (`sub`), or null. */
  findByGoogleSub(googleSub: string, manager?: EntityManager): Promise<UserEntity | null> {
    return (manager?.getRepository(UserEntity) ?? this.users).findOneBy({ googleSub });
  }

  /**
   * Deletes the user; their sessions and grants go with them by cascade (audit events stay:
   * the log is append-only). Pass `manager` to delete inside the caller's transaction.
   */
  async deleteById(id: string, manager?: EntityManager): Promise<boolean> {
    const repository = manager?.getRepository(UserEntity) ?? this.users;
    const user = await repository.findOneBy({ id });
    if (!user) return false;
    await repository.delete({ id });
    this.bearerUsers.delete(user.googleSub);
    return true;
  }

  /**
   * Sets a user's role. The admin rows are locked first, so two concurrent demotions can't both
   * see another admin left: the second waits, re-reads and finds itself the last.
   */
  async changeRole(id: string, role: UserRole): Promise<RoleChange> {
    const change = await this.users.manager.transaction(async (manager) => {
      const admins = await manager.query<Array<{ id: string }>>(
        `SELECT id FROM users WHERE role = 'admin' ORDER BY id FOR UPDATE`,
      );
      const user = await manager
        .getRepository(UserEntity)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) return { outcome: 'not_found' } as const;
      const previous = user.role;
      if (previous === 'admin' && role !== 'admin' && admins.length <= 1) {
        return { outcome: 'last_admin' } as const;
      }
      if (previous !== role) {
        await manager.getRepository(UserEntity).update({ id }, { role, updatedAt: new Date() });
        user.role = role;
      }
      return { outcome: 'changed', user, previous } as const;
    });
    if (change.outcome === 'changed') this.bearerUsers.delete(change.user.googleSub);
    return change;
  }

  private rememberBearerUser(user: UserEntity): AuthenticatedUser {
    const bearer = toAuthenticatedUser(user, 'bearer');
    this.bearerUsers.set(user.googleSub, bearer);
    return bearer;
  }

  private async upsert(token: VerifiedIdToken, options: { signIn: boolean }): Promise<UserEntity> {
    const email = token.email?.toLowerCase() ?? null;
    const bootstrapAdmin = token.emailVerified && email !== null && this.adminEmails.has(email);
    const params = [
      token.sub,
      token.email ?? null,
      token.emailVerified,
      token.name ?? null,
      token.givenName ?? null,
      token.familyName ?? null,
      token.picture ?? null,
      token.hd ?? null,
      bootstrapAdmin,
      options.signIn,
    ];
    if (!bootstrapAdmin) {
      const rows = await this.users.query<Array<{ id: string }>>(UPSERT_SQL, params);
      return this.users.findOneByOrFail({ id: rows[0].id });
    }
    // ADMIN_EMAILS raises the role: when it was not admin before (a new account, or one an
    // admin demoted while the address stayed listed), the grant is on the record. The row is
    // locked first, so two concurrent sign-ins record it once.
    return this.users.manager.transaction(async (manager) => {
      const before = await manager.query<Array<{ role: UserRole }>>(
        `SELECT role FROM users WHERE google_sub = $1 FOR UPDATE`,
        [token.sub],
      );
      const rows = await manager.query<Array<{ id: string }>>(UPSERT_SQL, params);
      const previous = before[0]?.role;
      if (previous !== 'admin') {
        await this.audit.record(
          {
            action: 'admin.role_granted',
            actor: { kind: 'system' },
            subjectUserId: rows[0].id,
            details: {
              by: 'ADMIN_EMAILS',
              from: previous ?? 'new_user',
              to: 'admin',
              at: options.signIn ? 'sign_in' : 'bearer_request',
            },
          },
          manager,
        );
      }
      return manager.getRepository(UserEntity).findOneByOrFail({ id: rows[0].id });
    });
  }
}
