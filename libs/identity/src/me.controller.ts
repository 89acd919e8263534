import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from './auth.decorators.js';
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
  me(@CurrentUser() user: AuthenticatedUser): UserProfileDto {
    let profile = this.profiles.get(user);
    if (!profile) this.profiles.set(user, (profile = UserProfileDto.from(user)));
    return profile;
  }
}
