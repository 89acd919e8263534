import { Controller, Delete, Get, Param, Put, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditContextOf } from '@grantkeeper/audit';
import {
  RequestedWithHeader,
  requireSession,
  type AuthenticatedUser,
  CurrentUser,
  SameSiteRequest,
} from '@grantkeeper/identity';
import type { FastifyRequest } from 'fastify';
import { AccountServiceDto, AccountServiceListDto } from './dto/account-service.dto.js';
import { UserServiceBlocksService } from './user-service-blocks.service.js';

/**
 * The signed-in user's view of the services that use their Google access (from the
 * disclosures), and the switch that blocks one service without revoking the grant.
 */
@ApiTags('account')
@ApiCookieAuth()
@Controller('account/services')
export class AccountServicesController {
  constructor(private readonly blocks: UserServiceBlocksService) {}

  @Get()
  @ApiOperation({
    summary: 'The services that used or asked for your Google access',
    description:
      'For each: its name and team, the features it asked for, how many tokens it was given, ' +
      'how many requests were refused, when it last asked, and whether you blocked it.',
  })
  @ApiOkResponse({ type: AccountServiceListDto })
  async list(@CurrentUser() user: AuthenticatedUser): Promise<AccountServiceListDto> {
    const services = await this.blocks.servicesOf(user.id);
    return { items: services.map((view) => AccountServiceDto.from(view)) };
  }

  @Put(':clientId/block')
  @SameSiteRequest()
  @RequestedWithHeader()
  @ApiOperation({
    summary: 'Block a service',
    description:
      'From now on the service gets 403 `blocked_by_user` for you, from token requests and ' +
      'grant lookups; your grant and the other services are untouched. Blocking again changes nothing.',
  })
  @ApiOkResponse({ type: AccountServiceDto, description: 'The service as it now is.' })
  async block(
    @CurrentUser() user: AuthenticatedUser,
    @Param('clientId') clientId: string,
    @Req() request: FastifyRequest,
  ): Promise<AccountServiceDto> {
    requireSession(user, 'Sign in on this site to block a service.');
    return AccountServiceDto.from(
      await this.blocks.block(user.id, clientId, auditContextOf(request)),
    );
  }

  @Delete(':clientId/block')
  @SameSiteRequest()
  @RequestedWithHeader()
  @ApiOperation({
    summary: 'Unblock a service',
    description:
      'The service may ask for your Google access again. Unblocking again changes nothing.',
  })
  @ApiOkResponse({ type: AccountServiceDto, description: 'The service as it now is.' })
  async unblock(
    @CurrentUser() user: AuthenticatedUser,
    @Param('clientId') clientId: string,
    @Req() request: FastifyRequest,
  ): Promise<AccountServiceDto> {
    requireSession(user, 'Sign in on this site to block a service.');
    return AccountServiceDto.from(
      await this.blocks.unblock(user.id, clientId, auditContextOf(request)),
    );
  }
}
