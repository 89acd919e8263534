import { Controller, Get, Req } from '@nestjs/common';
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
  // A Bearer caller's user object is shared by its requests for a few seconds (UsersService), so
  // its profile is built once; WeakMap entries go with the object.
  private readonly profiles = new WeakMap<AuthenticatedUser, UserProfileDto>();

  @Get('me')
  @ApiOperation({
    summary: 'The current user',
    description: 'Accepts the session cookie or `Authorization: Bearer <Google ID token>`.',
  })
  @ApiOkResponse({ type: UserProfileDto })
  // @Req(), not @CurrentUser(): a custom parameter decorator goes through the global
  // ValidationPipe, which makes every call wait on a promise; this is the Bearer hot path.
  me(@Req() request: FastifyRequest): UserProfileDto {
    const user = request.user as AuthenticatedUser;
    let profile = this.profiles.get(user);
    if (!profile) this.profiles.set(user, (profile = UserProfileDto.from(user)));
    return profile;
  }
}
