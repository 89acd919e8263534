import { randomBytes } from 'node:crypto';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { auditContextOf } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import { type AuthenticatedUser, CurrentUser, Public, SessionCookie } from '@grantkeeper/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OfflineAccessError } from './offline-access.errors.js';
import { bindingCookieName, setBindingCookie } from './redirect-binding.js';
import { RedirectFlowService } from './redirect-flow.service.js';

/** Local paths only: `/account`, `/news?x=1`; never `//host`, `/\host` or a URL. */
const LOCAL_PATH = /^\/(?![/\\])[A-Za-z0-9\-._~/?=&%]*$/;

/**
 * `GET /auth/google` and its callback: the code flow by full-page redirects, for pages that
 * can't open a popup. Public: a signed-out visitor signs in and grants offline access in one go;
 * a signed-in one links the grant to their account.
 */
@ApiTags('sign-in')
@Public()
@Controller('auth/google')
export class GoogleRedirectController {
  private readonly bindingCookie: string;
  private readonly secureCookie: boolean;

  constructor(
    private readonly flow: RedirectFlowService,
    private readonly sessionCookie: SessionCookie,
    config: ConfigService,
  ) {
    this.secureCookie = config.get('session').secureCookie;
    this.bindingCookie = bindingCookieName(this.secureCookie);
  }

  @Get()
  @ApiOperation({ summary: 'Start the redirect flow: sign in and grant offline access' })
  @ApiQuery({ name: 'return_to', required: false, description: 'A local path; default /account' })
  @ApiQuery({ name: 'prompt', required: false, enum: ['consent'] })
  @ApiQuery({
    name: 'login_hint',
    required: false,
    description: "An email address: Google's chooser skips to that account (signed-out visitors)",
  })
  @ApiResponse({ status: 302, description: "To Google's authorization page." })
  async start(
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Query('return_to') returnTo: unknown,
    @Query('prompt') prompt: unknown,
    @Query('login_hint') loginHint: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const binding = randomBytes(32).toString('base64url');
    const location = await this.flow.start(
      user,
      localReturnPath(returnTo),
      prompt === 'consent',
      binding,
      emailHint(loginHint),
    );
    setBindingCookie(reply, binding, this.secureCookie);
    void reply.header('cache-control', 'no-store').redirect(location, 302);
  }

  @Get('callback')
  @ApiOperation({ summary: "Google's redirect back with a code (or an error) and the state" })
  @ApiResponse({ status: 302, description: 'To the return path.' })
  @ApiResponse({ status: 403, description: '`invalid_state`: missing, wrong, used or expired.' })
  async callback(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    for (const value of Object.values(query)) {
      if (typeof value === 'string' && /[\r\n]/.test(value)) {
        throw new OfflineAccessError('malformed_request', 'The callback parameters are malformed.');
      }
    }
    const result = await this.flow.complete(
      query,
      request.cookies[this.bindingCookie],
      this.sessionCookie.read(request),
      auditContextOf(request),
    );
    if (result.signedIn) this.sessionCookie.set(reply, result.signedIn.session.token);
    void reply
      .clearCookie(this.bindingCookie, { path: '/', httpOnly: true, secure: this.secureCookie })
      .header('cache-control', 'no-store')
      .redirect(result.location, 302);
  }
}

/** An email-shaped hint, or none: anything else is dropped rather than passed to Google. */
function emailHint(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(value)
    ? value
    : undefined;
}

function localReturnPath(value: unknown): string {
  if (typeof value === 'string' && /[\r\n]/.test(value)) {
    throw new OfflineAccessError('malformed_request', 'return_to must be a local path.');
  }
  return typeof value === 'string' && LOCAL_PATH.test(value) ? value : '/account';
}
