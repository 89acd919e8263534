import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditContextOf } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import {
  RequestedWithHeader,
  requireSession,
  type AuthenticatedUser,
  CurrentUser,
  Public,
  RateLimited,
  SameSiteRequest,
  SessionCookie,
  SignInService,
  type UserEntity,
  UsersService,
} from '@grantkeeper/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CodeExchangeService } from './code-exchange.service.js';
import { ExchangeCodeDto } from './dto/exchange-code.dto.js';
import { GrantViewDto } from './dto/grant-view.dto.js';
import type { GrantEntity } from './grant.entity.js';
import { GrantsService } from './grants.service.js';
import { OfflineAccessError } from './offline-access.errors.js';

const CHANGE_OFFLINE_ACCESS = 'Sign in on this site to change offline access.';

/** The signed-in user's own offline access: switch it on with a code, see it, switch it off. */
@ApiTags('offline-access')
@ApiCookieAuth()
@Controller('offline-access')
export class OfflineAccessController {
  private readonly mode: 'optional' | 'required';

  constructor(
    private readonly exchange: CodeExchangeService,
    private readonly grants: GrantsService,
    private readonly signIn: SignInService,
    private readonly users: UsersService,
    private readonly sessionCookie: SessionCookie,
    config: ConfigService,
  ) {
    this.mode = config.get('offlineAccess').mode;
  }

  // Public so that, with OFFLINE_ACCESS=required, the sign-in page's one button can sign a
  // visitor in and grant offline access in one step: the ID token of the token response says
  // who they are. Otherwise a session is required and the code must be of its account.
  @Post('code')
  @Public()
  @HttpCode(200)
  @SameSiteRequest()
  @RateLimited('offline-access')
  @RequestedWithHeader()
  @ApiOperation({
    summary: 'Grant offline access with a one-time code',
    description:
      'The `code` from the GIS code client (popup, `redirect_uri=postmessage`). With a session, ' +
      "the code must belong to the signed-in user's Google account. Without one (only when " +
      'OFFLINE_ACCESS=required), it signs the user in as well. Returns the grant, never a token.',
  })
  @ApiOkResponse({ type: GrantViewDto })
  async exchangeCode(
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Body() body: ExchangeCodeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GrantViewDto> {
    const signingIn = user === undefined && this.mode === 'required';
    // Codes and switches come from our pages: a Bearer ID token is not the user's consent.
    if (!signingIn) requireSession(user, CHANGE_OFFLINE_ACCESS);
    const context = auditContextOf(request);
    let visitor: UserEntity | undefined;
    let grant: GrantEntity;
    try {
      ({ grant } = await this.exchange.exchange(
        body.code,
        { redirectUri: 'postmessage' },
        async (identity) => {
          if (!signingIn) return sameAccount(user!, identity.sub);
          visitor = await this.users.upsertFromIdToken(identity, { signIn: true });
          return visitor.id;
        },
        context,
        signingIn ? undefined : user!.id,
      ));
    } catch (error) {
      if (signingIn) await this.signIn.refuseWithoutGrant(context, errorCode(error), visitor?.id);
      throw error;
    }
    // Only now that the grant is stored: a refused exchange (consent_required) starts no session,
    // so in required mode nobody is signed in without a live grant.
    if (visitor) {
      const { session } = await this.signIn.startSession(
        visitor,
        context,
        'google_code',
        this.sessionCookie.read(request),
      );
      this.sessionCookie.set(reply, session.token);
    }
    return GrantViewDto.from(grant);
  }

  @Get()
  @ApiOperation({ summary: "The signed-in user's offline grant" })
  @ApiOkResponse({ type: GrantViewDto })
  async status(@CurrentUser() user: AuthenticatedUser): Promise<GrantViewDto> {
    const grant = await this.grants.forUser(user.id);
    return grant ? GrantViewDto.from(grant) : GrantViewDto.none();
  }

  @Delete()
  @SameSiteRequest()
  @RequestedWithHeader()
  @ApiOperation({
    summary: 'Switch offline access off',
    description: 'Revokes the grant here at once and at Google, then purges its tokens.',
  })
  @ApiOkResponse({ type: GrantViewDto })
  async disconnect(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<GrantViewDto> {
    requireSession(user, CHANGE_OFFLINE_ACCESS);
    const { grant } = await this.grants.revoke(
      user.id,
      { kind: 'user', id: user.id },
      'user_disconnected',
      auditContextOf(request),
    );
    return GrantViewDto.from(grant);
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[a-z_]{1,64}$/.test(code) ? code : 'error';
}

function sameAccount(user: AuthenticatedUser, sub: string): Promise<string> {
  if (sub !== user.googleSub) {
    throw new OfflineAccessError(
      'account_mismatch',
      'The code belongs to another Google account than the one signed in.',
    );
  }
  return Promise.resolve(user.id);
}
