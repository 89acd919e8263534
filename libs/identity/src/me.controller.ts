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
  @Get('me')
  @ApiOperation({
    summary: 'The current user',
    description: 'Accepts the session cookie or `Authorization: Bearer <Google ID token>`.',
  })
  @ApiOkResponse({ type: UserProfileDto })
  me(@CurrentUser() user: AuthenticatedUser): UserProfileDto {
    return UserProfileDto.from(user);
  }
}
