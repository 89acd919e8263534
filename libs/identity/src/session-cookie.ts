import { Injectable } from '@nestjs/common';
import { type AppConfig, ConfigService } from '@grantkeeper/config';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The session cookie, written the same way by every flow that signs a user in: HttpOnly,
 * `SameSite=Lax`, `Secure` and `__Host-` outside development.
 */
@Injectable()
export class SessionCookie {
  private readonly session: AppConfig['session'];

  constructor(config: ConfigService) {
    this.session = config.get('session');
  }

  read(request: FastifyRequest): string | undefined {
    return request.cookies[this.session.cookieName];
  }

  set(reply: FastifyReply, token: string): void {
    void reply.setCookie(this.session.cookieName, token, {
      httpOnly: true,
      secure: this.session.secureCookie,
      sameSite: 'lax',
      path: '/',
      maxAge: Math.floor(this.session.ttlHours * 3600),
    });
  }

  clear(reply: FastifyReply): void {
    void reply.clearCookie(this.session.cookieName, {
      path: '/',
      httpOnly: true,
      secure: this.session.secureCookie,
      sameSite: 'lax',
    });
  }
}
