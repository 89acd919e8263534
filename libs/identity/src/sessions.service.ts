import { createHmac, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@grantkeeper/config';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, MoreThan, type Repository } from 'typeorm';
import { SessionEntity } from './session.entity.js';
import { UserEntity } from './user.entity.js';

/** 256-bit random tokens, base64url: exactly 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** last_seen_at is a hint for admins, so it is written at most this often per session. */
const LAST_SEEN_RESOLUTION_MS = 5 * 60_000;

export interface SessionContext {
  readonly ip?: string;
  readonly userAgent?: string;
}

export interface StartedSession {
  readonly token: string;
  readonly session: SessionEntity;
}

/** Database-backed sessions: revocable at once, from any instance. */
@Injectable()
export class SessionsService {
  private readonly secret: string;
  private readonly ttlMs: number;

  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    config: ConfigService,
  ) {
    const session = config.get('session');
    this.secret = session.secret;
    this.ttlMs = session.ttlHours * 3_600_000;
  }

  get ttlSeconds(): number {
    return Math.floor(this.ttlMs / 1000);
  }

  /** A new session with a new random id: called at every sign-in (no session fixation). */
  async start(userId: string, context: SessionContext): Promise<StartedSession> {
    const token = randomBytes(32).toString('base64url');
    const session = this.sessions.create({
      tokenHash: this.hash(token),
      userId,
      expiresAt: new Date(Date.now() + this.ttlMs),
      ip: context.ip ?? null,
      userAgent: context.userAgent?.slice(0, 500) ?? null,
    });
    await this.sessions.insert(session);
    return { token, session };
  }

  /** The live session and its user for a cookie value, or null when unknown, expired or revoked. */
  async resolve(token: string): Promise<{ session: SessionEntity; user: UserEntity } | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const session = await this.sessions.findOneBy({
      tokenHash: this.hash(token),
      revokedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
    if (!session) return null;
    const user = await this.users.findOneBy({ id: session.userId });
    if (!user) return null;
    if (Date.now() - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
      await this.sessions.update({ id: session.id }, { lastSeenAt: new Date() });
    }
    return { session, user };
  }

  /** Ends the session behind a cookie value; unknown values are ignored. */
  async revokeToken(token: string, reason: string): Promise<SessionEntity | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const session = await this.sessions.findOneBy({
      tokenHash: this.hash(token),
      revokedAt: IsNull(),
    });
    if (!session) return null;
    await this.sessions.update(
      { id: session.id },
      { revokedAt: new Date(), revokedReason: reason },
    );
    return session;
  }

  /** The user's live sessions, newest first. */
  liveForUser(userId: string): Promise<SessionEntity[]> {
    return this.sessions.find({
      where: { userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 100,
    });
  }

  /**
   * Ends one live session of this user; false when there is no such live session of theirs
   * (unknown, another user's, already ended or expired): one user's id can't reach another's.
   */
  async revokeOneForUser(userId: string, sessionId: string, reason: string): Promise<boolean> {
    const result = await this.sessions.update(
      { id: sessionId, userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      { revokedAt: new Date(), revokedReason: reason },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Ends every live session of the user; returns how many; with `manager`, in that transaction. */
  async revokeAllForUser(userId: string, reason: string, manager?: EntityManager): Promise<number> {
    const result = await (manager?.getRepository(SessionEntity) ?? this.sessions).update(
      { userId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  /**
   * Deletes sessions that can never be used again: expired, or revoked (the audit log keeps the
   * sign-out or revocation); returns how many.
   */
  async purgeEnded(): Promise<number> {
    const result = await this.sessions
      .createQueryBuilder()
      .delete()
      .where('expires_at < now() OR revoked_at IS NOT NULL')
      .execute();
    return result.affected ?? 0;
  }

  /** HMAC with the session secret: a leaked table alone can't be turned into cookies. */
  private hash(token: string): Buffer {
    return createHmac('sha256', this.secret).update(token).digest();
  }
}
