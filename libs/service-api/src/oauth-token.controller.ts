import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Public, RateLimited } from '@grantkeeper/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OAuthTokenRequestDto, OAuthTokenResponseDto } from './dto/oauth-token.dto.js';
import { OAuthTokenService } from './oauth-token.service.js';
import { clientAddress } from './service-auth.guard.js';
import { OAuthTokenError } from './oauth-token.errors.js';

/**
 * The token endpoint of `private_key_jwt` clients. Public to the user guard and to the service
 * guard: the client assertion in the body is the credential. Counted against the `sign-in`
 * limit per address, as every other exchange of a credential for a session is.
 */
@Controller('api/v1/oauth/token')
@Public()
@ApiTags('service')
@ApiExtraModels(OAuthTokenRequestDto)
export class OAuthTokenController {
  constructor(private readonly tokens: OAuthTokenService) {}

  @Post()
  @HttpCode(200)
  @RateLimited('sign-in')
  @ApiOperation({
    summary: 'An access token for the service API, for a private_key_jwt client assertion',
    description:
      'RFC 6749 §4.4 client credentials with RFC 7523 client authentication. The answer is sent with `Cache-Control: no-store` and `Pragma: no-cache`.',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ schema: { $ref: getSchemaPath(OAuthTokenRequestDto) } })
  @ApiOkResponse({ type: OAuthTokenResponseDto })
  @ApiBadRequestResponse({
    description: '`invalid_request`, `unsupported_grant_type`, `invalid_scope`',
  })
  async token(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OAuthTokenResponseDto> {
    // RFC 6749 §5.1 and §5.2: neither a token nor a refusal is cached.
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const query = (request.query ?? {}) as Record<string, unknown>;
    if ('client_assertion' in query || 'client_secret' in query) {
      throw new OAuthTokenError(
        'invalid_request',
        'Send the parameters in the body, never in the URL.',
      );
    }
    return this.tokens.exchange(body, clientAddress(request.ip));
  }
}
