import { Controller, Get, Header, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from './authenticated-user.js';
import { UserProfileDto } from './dto/user-profile.dto.js';

@ApiTags('me')
@ApiCookieAuth()
@ApiBearerAuth()
@Controller('api/v1')
export class MeController {
  // A Bearer caller's user object is shared by its requests for a few seconds (UsersService), and
  // it is frozen: its profile is serialised once, the JSON Fastify would otherwise build on every
  // request (JSON.stringify, as Fastify's default serializer). WeakMap entries go with the object.
  private readonly bodies = new WeakMap<AuthenticatedUser, string>();

  @Get('me')
  @ApiOperation({
    summary: 'The current user',
    description: 'Accepts the session cookie or `Authorization: Bearer <Google ID token>`.',
  })
  @ApiOkResponse({ type: UserProfileDto })
  @Header('content-type', 'application/json; charset=utf-8')
  // @Req(), not @CurrentUser(): a custom parameter decorator goes through the global
  // ValidationPipe, which makes every call wait on a promise; this is the Bearer hot path.
  me(@Req() request: FastifyRequest): string {
    const user = request.user as AuthenticatedUser;
    let body = this.bodies.get(user);
    if (body === undefined)
      this.bodies.set(user, (body = JSON.stringify(UserProfileDto.from(user))));
    return body;
  }
}
