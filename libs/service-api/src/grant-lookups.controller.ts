import { Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { UsersService } from '@grantkeeper/identity';
import { type GrantListing, GrantSearchService } from '@grantkeeper/offline-access';
import {
  ListServiceGrantsQueryDto,
  ServiceGrantDto,
  ServiceGrantPageDto,
} from './dto/service-grant.dto.js';
import type { ServicePrincipal } from './service-client.js';
import { CurrentService, RequireApiScope, ServiceApiController } from './service-auth.guard.js';
import { ServiceApiError } from './service-api.errors.js';
import { isUuid } from '@grantkeeper/database';
import { UserServiceBlocksService } from './user-service-blocks.service.js';

/**
 * The grants of the users a service may act for: their state and the scopes it is allowed,
 * never a token. A grant with none of the service's scopes is not its business: `no_grant`.
 */
@ServiceApiController('')
export class GrantLookupsController {
  constructor(
    private readonly users: UsersService,
    private readonly search: GrantSearchService,
    private readonly blocks: UserServiceBlocksService,
  ) {}

  @Get('users/:id/grant')
  @RequireApiScope('grants:read')
  @ApiOperation({ summary: "A user's grant, by their id here" })
  @ApiOkResponse({ type: ServiceGrantDto })
  @ApiNotFoundResponse({ description: '`no_grant`' })
  async byUserId(
    @Param('id') id: string,
    @CurrentService() service: ServicePrincipal,
  ): Promise<ServiceGrantDto> {
    if (!isUuid(id)) throw noGrant();
    return this.grantOf(id, service);
  }

  @Get('users/by-google-sub/:sub/grant')
  @RequireApiScope('grants:read')
  @ApiOperation({ summary: "A user's grant, by their Google account id" })
  @ApiOkResponse({ type: ServiceGrantDto })
  @ApiNotFoundResponse({ description: '`no_grant`' })
  async byGoogleSub(
    @Param('sub') sub: string,
    @CurrentService() service: ServicePrincipal,
  ): Promise<ServiceGrantDto> {
    const user = /^\d{1,64}$/.test(sub) ? await this.users.findByGoogleSub(sub) : null;
    if (!user) throw noGrant();
    return this.grantOf(user.id, service);
  }

  @Get('grants')
  @RequireApiScope('grants:read')
  @ApiOperation({ summary: 'Grants with any scope this service is allowed, newest first' })
  @ApiOkResponse({ type: ServiceGrantPageDto })
  async list(
    @Query() query: ListServiceGrantsQueryDto,
    @CurrentService() service: ServicePrincipal,
  ): Promise<ServiceGrantPageDto> {
    const allowed = service.client.allowedScopes;
    if (query.scope !== undefined && !allowed.includes(query.scope)) {
      throw new ServiceApiError('scope_not_allowed', 'This service may not use that scope.');
    }
    if (allowed.length === 0) return { items: [], next_cursor: null };
    const page = await this.search.search({
      sort: 'created_at',
      order: 'desc',
      limit: query.limit,
      cursor: query.cursor,
      status: query.status,
      scope: query.scope,
      anyScope: allowed,
    });
    // Users who blocked this service are left out (a page may hold fewer than `limit`).
    const blocked = await this.blocks.blockedAmong(
      service.client.id,
      page.items.map((grant) => grant.userId),
    );
    return {
      items: page.items
        .filter((grant) => !blocked.has(grant.userId))
        .map((grant) => viewOf(grant, allowed)),
      next_cursor: page.nextCursor,
    };
  }

  private async grantOf(userId: string, service: ServicePrincipal): Promise<ServiceGrantDto> {
    await this.blocks.assertNotBlocked(userId, service.client.id);
    const listing = await this.search.findForUser(userId);
    const allowed = service.client.allowedScopes;
    if (!listing || !listing.scopes.some((scope) => allowed.includes(scope))) throw noGrant();
    return viewOf(listing, allowed);
  }
}

function viewOf(grant: GrantListing, allowed: readonly string[]): ServiceGrantDto {
  return {
    id: grant.id,
    user_id: grant.userId,
    status: grant.status,
    granted_scopes: grant.scopes.filter((scope) => allowed.includes(scope)),
    created_at: grant.createdAt,
    last_used_at: grant.lastUsedAt,
    revoked_at: grant.revokedAt,
    revocation_reason: grant.revocationReason,
  };
}

function noGrant(): ServiceApiError {
  return new ServiceApiError('no_grant', 'The user has no offline grant this service may see.');
}
