import { BadRequestException, Body, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import { auditContextOf } from '@grantkeeper/audit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IssuedTokenDto, IssueTokenDto } from './dto/issue-token.dto.js';
import type { ServicePrincipal } from './service-client.js';
import { CurrentService, RequireApiScope, ServiceApiController } from './service-auth.guard.js';
import { RateLimitedPerUser } from './service-rate-limits.js';
import { TokenIssuanceService } from './token-issuance.service.js';

@ServiceApiController('tokens')
export class TokensController {
  constructor(private readonly issuance: TokenIssuanceService) {}

  @Post()
  @HttpCode(200)
  @RequireApiScope('tokens:issue')
  @RateLimitedPerUser()
  @ApiOperation({
    summary: "A Google access token for a user, for this service's scopes and purpose",
  })
  @ApiOkResponse({ type: IssuedTokenDto, description: 'Sent with `Cache-Control: no-store`.' })
  @ApiNotFoundResponse({ description: '`no_grant`' })
  @ApiConflictResponse({ description: '`grant_revoked` (with `reason`, `since`), `grant_failing`' })
  @ApiServiceUnavailableResponse({ description: '`upstream_unavailable`, with `Retry-After`' })
  async issue(
    @Body() body: IssueTokenDto,
    @CurrentService() service: ServicePrincipal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssuedTokenDto> {
    void reply.header('cache-control', 'no-store');
    const user = body.user.id ?? undefined;
    const googleSub = body.user.google_sub ?? undefined;
    if ((user === undefined) === (googleSub === undefined)) {
      throw new BadRequestException(['user must have exactly one of id and google_sub']);
    }
    const issued = await this.issuance.issue(
      service,
      {
        user: user !== undefined ? { id: user } : { googleSub: googleSub as string },
        scopes: body.scopes,
        purpose: body.purpose,
        purposeDetail: body.purpose_detail,
      },
      auditContextOf(request),
    );
    return {
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_at: issued.expiresAt.toISOString(),
      expires_in: Math.max(0, Math.floor((issued.expiresAt.getTime() - Date.now()) / 1000)),
      scopes: [...issued.scopes],
      grant: {
        id: issued.grant.id,
        status: issued.grant.status,
        granted_scopes: issued.grant.grantedScopes,
      },
      disclosure_id: issued.disclosureId,
    };
  }
}
