import { BadRequestException, Body, Delete, Get, HttpCode, Param, Put, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
} from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '@grantkeeper/identity';
import { adminActorOf, ServiceControlsService } from '@grantkeeper/service-api';
import type { FastifyRequest } from 'fastify';
import { AdminController, RequestedWith } from './admin-docs.js';
import {
  IssuanceStopInputDto,
  ScopeKillSwitchDto,
  ScopeKillSwitchListDto,
  ServiceClientControlsDto,
  SetServiceRateLimitsDto,
} from './dto/issuance-controls.dto.js';

/** The limits of a service client and its kill switch (stops its token issuance). */
@AdminController('service-clients')
export class AdminServiceClientControlsController {
  constructor(private readonly controls: ServiceControlsService) {}

  @Get(':id/controls')
  @ApiOperation({ summary: 'A service client’s rate limits and kill switch' })
  @ApiOkResponse({ type: ServiceClientControlsDto })
  @ApiNotFoundResponse({ description: '`not_found`' })
  async get(@Param('id') id: string): Promise<ServiceClientControlsDto> {
    return ServiceClientControlsDto.from(await this.controls.controlsOf(id));
  }

  @Put(':id/rate-limits')
  @RequestedWith()
  @ApiOperation({
    summary: 'Set a service client’s rate limits (null: the configured default)',
  })
  @ApiOkResponse({ type: ServiceClientControlsDto })
  @ApiNotFoundResponse({ description: '`not_found`' })
  async setRateLimits(
    @Param('id') id: string,
    @Body() body: SetServiceRateLimitsDto,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<ServiceClientControlsDto> {
    const limits = {
      perMinute: body.perMinute ?? null,
      perUserPerMinute: body.perUserPerMinute ?? null,
    };
    return ServiceClientControlsDto.from(
      await this.controls.setRateLimits(id, limits, adminActorOf(admin, request)),
    );
  }

  @Put(':id/kill-switch')
  @RequestedWith()
  @ApiOperation({
    summary: 'Stop all token issuance for the client at once (its keys keep working)',
  })
  @ApiOkResponse({ type: ServiceClientControlsDto })
  @ApiNotFoundResponse({ description: '`not_found`' })
  async setKillSwitch(
    @Param('id') id: string,
    @Body() body: IssuanceStopInputDto,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<ServiceClientControlsDto> {
    return ServiceClientControlsDto.from(
      await this.controls.setKillSwitch(id, body.reason, adminActorOf(admin, request)),
    );
  }

  @Delete(':id/kill-switch')
  @RequestedWith()
  @ApiOperation({ summary: 'Let the client get tokens again' })
  @ApiOkResponse({ type: ServiceClientControlsDto })
  @ApiNotFoundResponse({ description: '`not_found`: no such client, or its switch is off' })
  async clearKillSwitch(
    @Param('id') id: string,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<ServiceClientControlsDto> {
    return ServiceClientControlsDto.from(
      await this.controls.clearKillSwitch(id, adminActorOf(admin, request)),
    );
  }
}

/** Incident switches: no token with a given Google scope, for any client. */
@AdminController('scope-kill-switches')
export class AdminScopeKillSwitchesController {
  constructor(private readonly controls: ServiceControlsService) {}

  @Get()
  @ApiOperation({ summary: 'Every Google scope no token may include now' })
  @ApiOkResponse({ type: ScopeKillSwitchListDto })
  async list(): Promise<ScopeKillSwitchListDto> {
    return {
      items: (await this.controls.scopeSwitches()).map((stop) => ScopeKillSwitchDto.from(stop)),
    };
  }

  @Put(':scope')
  @RequestedWith()
  @ApiParam({ name: 'scope', description: 'The Google scope, URL-encoded.' })
  @ApiOperation({ summary: 'Stop issuing any token that includes the scope, for every client' })
  @ApiOkResponse({ type: ScopeKillSwitchDto })
  @ApiBadRequestResponse({ description: '`validation_failed`: not a Google scope, or no reason' })
  async set(
    @Param('scope') scope: string,
    @Body() body: IssuanceStopInputDto,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<ScopeKillSwitchDto> {
    return ScopeKillSwitchDto.from(
      await this.controls.setScopeSwitch(
        checkedScope(scope),
        body.reason,
        adminActorOf(admin, request),
      ),
    );
  }

  @Delete(':scope')
  @HttpCode(204)
  @RequestedWith()
  @ApiParam({ name: 'scope', description: 'The Google scope, URL-encoded.' })
  @ApiOperation({ summary: 'Let tokens with the scope be issued again' })
  @ApiNoContentResponse({ description: 'Cleared: every instance issues it within seconds.' })
  @ApiNotFoundResponse({ description: '`not_found`: no switch stops that scope' })
  async clear(
    @Param('scope') scope: string,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.controls.clearScopeSwitch(checkedScope(scope), adminActorOf(admin, request));
  }
}

const SCOPE = /^(?:https:\/\/\S+|openid|email|profile)$/;

function checkedScope(scope: string): string {
  if (scope.length > 300 || !SCOPE.test(scope)) {
    throw new BadRequestException([
      'scope must be a Google scope URL, openid, email or profile (URL-encoded in the path)',
    ]);
  }
  return scope;
}
