import { Body, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { auditContextOf } from '@grantkeeper/audit';
import { type AuthenticatedUser, CurrentUser } from '@grantkeeper/identity';
import type { FastifyRequest } from 'fastify';
import { AdminController, RequestedWith } from './admin-docs.js';
import { AdminBulkRevokeService } from './admin-bulk-revoke.service.js';
import { AdminGrantsService } from './admin-grants.service.js';
import { BulkRevokeDto, BulkRevokeResultDto } from './dto/bulk-revoke.dto.js';
import {
  AdminGrantDetailDto,
  AdminGrantPageDto,
  RevokedGrantDto,
  RevokeGrantDto,
} from './dto/admin-grant.dto.js';
import { ListGrantsQueryDto } from './dto/list-grants.query.js';

@AdminController('grants')
export class AdminGrantsController {
  constructor(
    private readonly grants: AdminGrantsService,
    private readonly bulk: AdminBulkRevokeService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List grants by status, scope, health flag, use and creation time' })
  @ApiOkResponse({ type: AdminGrantPageDto })
  list(@Query() query: ListGrantsQueryDto): Promise<AdminGrantPageDto> {
    return this.grants.list(query);
  }

  @Post('revoke-bulk')
  @HttpCode(200)
  @RequestedWith()
  @ApiOperation({
    summary: 'Revoke every live grant a filter matches (or, with dryRun, count them)',
  })
  @ApiOkResponse({ type: BulkRevokeResultDto })
  revokeBulk(
    @Body() body: BulkRevokeDto,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<BulkRevokeResultDto> {
    return this.bulk.run(body, admin, auditContextOf(request));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A grant and its audit timeline (newest first)' })
  @ApiOkResponse({ type: AdminGrantDetailDto })
  @ApiNotFoundResponse({ description: '`not_found`' })
  detail(@Param('id') id: string): Promise<AdminGrantDetailDto> {
    return this.grants.detail(id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequestedWith()
  @ApiOperation({
    summary: 'Revoke a grant',
    description: "Immediate here; Google's revoke is retried by the purge job if it fails.",
  })
  @ApiOkResponse({ type: RevokedGrantDto })
  @ApiNotFoundResponse({ description: '`not_found`' })
  @ApiConflictResponse({ description: '`already_revoked`' })
  revoke(
    @Param('id') id: string,
    @Body() body: RevokeGrantDto,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<RevokedGrantDto> {
    return this.grants.revoke(id, body.reason, admin, auditContextOf(request));
  }
}
