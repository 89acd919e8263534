import { RateLimited } from './rate-limit/rate-limits.js';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditContextOf } from '@grantkeeper/audit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from './auth.decorators.js';
import { IdTokenSignInDto } from './dto/id-token-sign-in.dto.js';
import { UserProfileDto } from './dto/user-profile.dto.js';
import { GIS_CSRF_COOKIE, isFormPost } from './same-site-request.js';
import { SameSiteRequest } from './same-site.guard.js';
import { SessionCookie } from './session-cookie.js';
import { SignInService } from './sign-in.service.js';

@ApiTags('sign-in')
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly cookie: SessionCookie,
  ) {}

  @Post('google/id-token')
  @HttpCode(200)
  @SameSiteRequest({ signIn: true })
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
    const previous = this.cookie.read(request);
    const { user, session } = await this.signIn.signInWithIdToken(
      body.credential,
      auditContextOf(request),
      previous,
      body.select_by,
    );
    this.cookie.set(reply, session.token);
    if (isFormPost(request)) {
      void reply.clearCookie(GIS_CSRF_COOKIE, { path: '/' });
      void reply.redirect('/account', 303);
      return undefined;
    }
    return UserProfileDto.from(user);
  }

  @Post('sign-out')
  @HttpCode(204)
  @SameSiteRequest()
  @ApiCookieAuth()
  @ApiHeader({ name: 'X-Requested-With', required: true, description: 'Must be `XmlHttpRequest`.' })
  @ApiOperation({ summary: 'End the current session' })
  async signOut(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const token = this.cookie.read(request);
    if (token) await this.signIn.signOut(token, auditContextOf(request));
    this.cookie.clear(reply);
  }
}
