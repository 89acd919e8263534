import { Body, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '@grantkeeper/identity';
import { adminActorOf, SERVICE_API_SCOPES, ServiceClientsService } from '@grantkeeper/service-api';
import type { FastifyRequest } from 'fastify';
import { AdminController, RequestedWith } from './admin-docs.js';
import {
  CreatedServiceKeyDto,
  CreateServiceClientDto,
  CreateServiceKeyDto,
  ServiceClientDetailDto,
  ServiceClientDto,
  ServiceKeyDto,
  UpdateServiceClientDto,
} from './dto/service-client.dto.js';
import { ServiceClientListDto, ServiceClientSummaryDto } from './dto/service-client-list.dto.js';

const DEFAULT_KEY_DAYS = 90;

/** Other teams' services: register, change, suspend, delete, and their API keys. */
@AdminController('service-clients')
export class AdminServiceClientsController {
  constructor(private readonly clients: ServiceClientsService) {}

  @Get()
  @ApiOperation({ summary: 'Every registered service client, by name' })
  @ApiOkResponse({ type: ServiceClientListDto })
  async list(): Promise<ServiceClientListDto> {
    const [clients, active] = await Promise.all([
      this.clients.list(),
      this.clients.activeKeyCounts(),
    ]);
    return {
      items: clients.map((client) =>
        ServiceClientSummaryDto.of(client, active.get(client.id) ?? 0),
      ),
    };
  }

  @Post()
  @RequestedWith()
  @ApiOperation({ summary: 'Register a service client' })
  @ApiCreatedResponse({ type: ServiceClientDto })
  @ApiConflictResponse({ description: '`name_taken`' })
  async create(
    @Body() body: CreateServiceClientDto,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<ServiceClientDto> {
    const client = await this.clients.create(body, adminActorOf(admin, request));
    return ServiceClientDto.from(client);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A service client and its keys (never a key itself)' })
  @ApiOkResponse({ type: ServiceClientDetailDto })
  @ApiNotFoundResponse({ description: '`not_found`' })
  async detail(@Param('id') id: string): Promise<ServiceClientDetailDto> {
    const client = await this.clients.get(id);
    return {
      client: ServiceClientDto.from(client),
      keys: (await this.clients.keys(id)).map((key) => ServiceKeyDto.from(key)),
    };
  }

  @Patch(':id')
  @RequestedWith()
  @ApiOperation({
    summary: 'Change a service client, or suspend (`status: suspended`) or resume it',
  })
  @ApiOkResponse({ type: ServiceClientDto })
  @ApiNotFoundResponse({ description: '`not_found`' })
  @ApiConflictResponse({ description: '`name_taken`' })
  async update(
    @Param('id') id: string,
    @Body() body: UpdateServiceClientDto,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<ServiceClientDto> {
    return ServiceClientDto.from(await this.clients.update(id, body, adminActorOf(admin, request)));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequestedWith()
  @ApiOperation({ summary: 'Delete a service client and its keys (its disclosures stay)' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: '`not_found`' })
  async remove(
    @Param('id') id: string,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.clients.delete(id, adminActorOf(admin, request));
  }

  @Post(':id/keys')
  @RequestedWith()
  @ApiOperation({ summary: 'A new API key; its secret is in this answer only' })
  @ApiCreatedResponse({ type: CreatedServiceKeyDto })
  @ApiNotFoundResponse({ description: '`not_found`' })
  @ApiConflictResponse({ description: '`too_many_keys`: two are active; revoke one first' })
  async createKey(
    @Param('id') id: string,
    @Body() body: CreateServiceKeyDto,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<CreatedServiceKeyDto> {
    const { key, view } = await this.clients.createKey(
      id,
      {
        apiScopes: body.apiScopes ?? [...SERVICE_API_SCOPES],
        expiresInDays: body.expiresInDays ?? DEFAULT_KEY_DAYS,
      },
      adminActorOf(admin, request),
    );
    return { ...ServiceKeyDto.from(view), key };
  }

  @Delete(':id/keys/:keyId')
  @HttpCode(204)
  @RequestedWith()
  @ApiOperation({ summary: 'Revoke an API key at once' })
  @ApiNoContentResponse({ description: 'Revoked: every instance refuses it within seconds.' })
  @ApiNotFoundResponse({ description: '`not_found`: no such live key of this client' })
  async revokeKey(
    @Param('id') id: string,
    @Param('keyId') keyId: string,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.clients.revokeKey(id, keyId, adminActorOf(admin, request));
  }
}
