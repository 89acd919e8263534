import { BadRequestException, Body, Get, Param, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { auditContextOf } from '@grantkeeper/audit';
import type { FastifyRequest } from 'fastify';
import { RateLimitedPerUser } from './service-rate-limits.js';
import { ConsentRequestsService } from './consent-requests.service.js';
import { ConsentRequestDto, CreateConsentRequestDto } from './dto/consent-request.dto.js';
import type { ServicePrincipal } from './service-client.js';
import { CurrentService, RequireApiScope, ServiceApiController } from './service-auth.guard.js';

/**
 * Consent requests: a service asks a user for more Google scopes through a link. Under
 * `tokens:issue`: asking for scopes is the first half of getting a token for them, and a key
 * that may not issue tokens has no use for the answer.
 */
@ServiceApiController('consent-requests')
export class ConsentRequestsController {
  constructor(private readonly consent: ConsentRequestsService) {}

  @Post()
  @RequireApiScope('tokens:issue')
  @RateLimitedPerUser()
  @ApiOperation({
    summary: 'Ask a user to grant more Google scopes: a link to send them (reused while pending)',
  })
  @ApiCreatedResponse({ type: ConsentRequestDto })
  @ApiBadRequestResponse({ description: '`return_url_not_allowed`, `validation_failed`' })
  @ApiForbiddenResponse({ description: '`blocked_by_user`: the user blocked this service' })
  @ApiNotFoundResponse({ description: '`unknown_user`' })
  async create(
    @Body() body: CreateConsentRequestDto,
    @CurrentService() service: ServicePrincipal,
    @Req() request: FastifyRequest,
  ): Promise<ConsentRequestDto> {
    const id = body.user.id ?? undefined;
    const googleSub = body.user.google_sub ?? undefined;
    if ((id === undefined) === (googleSub === undefined)) {
      throw new BadRequestException(['user must have exactly one of id and google_sub']);
    }
    const created = await this.consent.create(
      service,
      {
        user: id !== undefined ? { id } : { googleSub: googleSub as string },
        scopes: body.scopes,
        purpose: body.purpose,
        returnUrl: body.return_url,
      },
      auditContextOf(request),
    );
    return ConsentRequestDto.from(created, this.consent.urlOf(created.id));
  }

  @Get(':id')
  @RequireApiScope('tokens:issue')
  @ApiOperation({ summary: 'Where one of this service’s consent requests stands' })
  @ApiOkResponse({ type: ConsentRequestDto })
  @ApiNotFoundResponse({ description: '`consent_request_not_found` (also another service’s)' })
  async get(
    @Param('id') id: string,
    @CurrentService() service: ServicePrincipal,
  ): Promise<ConsentRequestDto> {
    const found = await this.consent.get(service, id);
    return ConsentRequestDto.from(found, this.consent.urlOf(found.id));
  }
}
