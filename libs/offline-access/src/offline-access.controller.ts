import { Body, Controller, Delete, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { auditContextOf } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import { AuthError, type AuthenticatedUser, CurrentUser } from '@grantkeeper/identity';
import type { FastifyRequest } from 'fastify';
import { CodeExchangeService } from './code-exchange.service.js';
import { ExchangeCodeDto } from './dto/exchange-code.dto.js';
import { GrantViewDto } from './dto/grant-view.dto.js';
import { GrantsService } from './grants.service.js';
import { OfflineAccessError } from './offline-access.errors.js';
import { assertSameSiteXhr } from './same-site-request.js';

const REQUESTED_WITH = {
  name: 'X-Requested-With',
  required: true,
  description: 'Must be `XmlHttpRequest`.',
};

/** The signed-in user's own offline access: switch it on with a code, see it, switch it off. */
@ApiTags('offline-access')
@ApiCookieAuth()
@Controller('offline-access')
export class OfflineAccessController {
  private readonly publicOrigin: string;

  constructor(
    private readonly exchange: CodeExchangeService,
    private readonly grants: GrantsService,
    config: ConfigService,
  ) {
    this.publicOrigin = new URL(config.get('publicUrl')).origin;
  }

  @Post('code')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiHeader(REQUESTED_WITH)
  @ApiOperation({
    summary: 'Grant offline access with a one-time code',
    description:
      'The `code` from the GIS code client (popup, `redirect_uri=postmessage`). The code must ' +
      "belong to the signed-in user's Google account. Returns the grant, never a token.",
  })
  @ApiOkResponse({ type: GrantViewDto })
  async exchangeCode(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ExchangeCodeDto,
    @Req() request: FastifyRequest,
  ): Promise<GrantViewDto> {
    requireSession(user);
    assertSameSiteXhr(request, this.publicOrigin);
    const { grant } = await this.exchange.exchange(
      body.code,
      { redirectUri: 'postmessage' },
      (identity) => {
        if (identity.sub !== user.googleSub) {
          throw new OfflineAccessError(
            'account_mismatch',
            'The code belongs to another Google account than the one signed in.',
          );
        }
        return Promise.resolve(user.id);
      },
      auditContextOf(request),
    );
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
  @ApiHeader(REQUESTED_WITH)
  @ApiOperation({
    summary: 'Switch offline access off',
    description: 'Revokes the grant here at once and at Google, then purges its tokens.',
  })
  @ApiOkResponse({ type: GrantViewDto })
  async disconnect(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<GrantViewDto> {
    requireSession(user);
    assertSameSiteXhr(request, this.publicOrigin);
    const { grant } = await this.grants.revoke(
      user.id,
      { kind: 'user', id: user.id },
      'user_disconnected',
      auditContextOf(request),
    );
    return GrantViewDto.from(grant);
  }
}

// Codes and switches come from our pages, in the browser: an API caller's Bearer ID token is
// not the user's consent to change their grant.
function requireSession(user: AuthenticatedUser): void {
  if (user.via !== 'session') {
    throw new AuthError(
      'authentication_required',
      'Sign in on this site to change offline access.',
    );
  }
}
