import { RateLimited } from './rate-limit/rate-limits.js';
import { timingSafeEqual } from 'node:crypto';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditContextOf } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from './auth.decorators.js';
import { IdTokenSignInDto } from './dto/id-token-sign-in.dto.js';
import { UserProfileDto } from './dto/user-profile.dto.js';
import { AuthError } from './identity.errors.js';
import { SessionCookie } from './session-cookie.js';
import { SignInService } from './sign-in.service.js';

/** The double-submit cookie GIS redirect mode sets before posting the credential to us. */
const GIS_CSRF_COOKIE = 'g_csrf_token';

@ApiTags('sign-in')
@Public()
@Controller('auth')
export class AuthController {
  private readonly publicOrigin: string;

  constructor(
    private readonly signIn: SignInService,
    private readonly cookie: SessionCookie,
    config: ConfigService,
  ) {
    this.publicOrigin = new URL(config.get('publicUrl')).origin;
  }

  @Post('google/id-token')
  @HttpCode(200)
  @RateLimited('sign-in')
  @ApiOperation({
    summary: 'Sign in with a Google ID token',
    description:
      'JSON from the GIS callback, or the form post of GIS redirect mode (checked against the ' +
      '`g_csrf_token` cookie, answered with a redirect to /account). Starts a new session.',
  })
  @ApiOkResponse({ type: UserProfileDto })
  async signInWithIdToken(
    @Body() body: IdTokenSignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserProfileDto | undefined> {
    const isFormPost = request.headers['content-type']?.startsWith(
      'application/x-www-form-urlencoded',
    );
    if (isFormPost) this.checkDoubleSubmitCookie(request, body);
    else this.checkSameOrigin(request);

    const previous = this.cookie.read(request);
    const { user, session } = await this.signIn.signInWithIdToken(
      body.credential,
      auditContextOf(request),
      previous,
      body.select_by,
    );
    this.cookie.set(reply, session.token);
    if (isFormPost) {
      void reply.clearCookie(GIS_CSRF_COOKIE, { path: '/' });
      void reply.redirect('/account', 303);
      return undefined;
    }
    return UserProfileDto.from(user);
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'End the current session' })
  async signOut(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const token = this.cookie.read(request);
    if (token) await this.signIn.signOut(token, auditContextOf(request));
    this.cookie.clear(reply);
  }

  /** GIS redirect mode: the cookie and the posted field must both exist and match. */
  private checkDoubleSubmitCookie(request: FastifyRequest, body: IdTokenSignInDto): void {
    const cookie = request.cookies[GIS_CSRF_COOKIE];
    const posted = body.g_csrf_token;
    if (!cookie || !posted) {
      throw new AuthError('csrf_token_missing', 'The g_csrf_token cookie or field is missing.');
    }
    const a = Buffer.from(cookie);
    const b = Buffer.from(posted);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      throw new AuthError('csrf_token_mismatch', 'The g_csrf_token cookie and field differ.');
    }
  }

  /** JSON sign-ins come from our own pages; a browser on a foreign origin is refused. */
  private checkSameOrigin(request: FastifyRequest): void {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== this.publicOrigin) {
      throw new AuthError('cross_origin_request', 'Sign-in requests must come from this site.');
    }
  }
}
