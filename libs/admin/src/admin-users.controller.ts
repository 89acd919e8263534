import { Body, Delete, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { auditContextOf } from '@grantkeeper/audit';
import { type AuthenticatedUser, CurrentUser, UserProfileDto } from '@grantkeeper/identity';
import type { FastifyRequest } from 'fastify';
import { AdminController, RequestedWith } from './admin-docs.js';
import { AdminUsersService } from './admin-users.service.js';
import { AdminUserDetailDto, AdminUserPageDto, RevokedSessionsDto } from './dto/admin-user.dto.js';
import { ListUsersQueryDto } from './dto/list-users.query.js';
import { SetRoleDto } from './dto/set-role.dto.js';

@AdminController('users')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Get()
  @ApiOperation({ summary: 'Search users (part of the email or name, exact sub)' })
  @ApiOkResponse({ type: AdminUserPageDto })
  list(@Query() query: ListUsersQueryDto): Promise<AdminUserPageDto> {
    return this.users.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: "A user's profile, sessions, grant, tasks and recent audit" })
  @ApiOkResponse({ type: AdminUserDetailDto })
  @ApiNotFoundResponse({ description: '`not_found`' })
  detail(@Param('id') id: string): Promise<AdminUserDetailDto> {
    return this.users.detail(id);
  }

  @Post(':id/sessions/revoke')
  @HttpCode(200)
  @RequestedWith()
  @ApiOperation({ summary: "End all of a user's sessions" })
  @ApiOkResponse({ type: RevokedSessionsDto })
  @ApiNotFoundResponse({ description: '`not_found`' })
  revokeSessions(
    @Param('id') id: string,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<RevokedSessionsDto> {
    return this.users.revokeSessions(id, admin, auditContextOf(request));
  }

  @Delete(':id/sessions/:sessionId')
  @HttpCode(204)
  @RequestedWith()
  @ApiOperation({ summary: "End one of a user's sessions" })
  @ApiNoContentResponse({ description: 'The session is ended: that device must sign in again.' })
  @ApiNotFoundResponse({
    description: '`not_found`: no such user, or no live session of theirs with this id.',
  })
  async revokeSession(
    @Param('id') id: string,
    @Param('sessionId') sessionId: string,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.users.revokeSession(id, sessionId, admin, auditContextOf(request));
  }

  @Put(':id/role')
  @RequestedWith()
  @ApiOperation({ summary: 'Promote or demote a user' })
  @ApiOkResponse({ type: UserProfileDto })
  @ApiNotFoundResponse({ description: '`not_found`' })
  @ApiConflictResponse({
    description:
      '`last_admin`: the last admin cannot be demoted. `bootstrap_admin`: the admin is listed in ADMIN_EMAILS (sign-in would promote them again).',
  })
  setRole(
    @Param('id') id: string,
    @Body() body: SetRoleDto,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<UserProfileDto> {
    return this.users.setRole(id, body.role, admin, auditContextOf(request));
  }
}
