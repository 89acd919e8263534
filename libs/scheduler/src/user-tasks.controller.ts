import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  RequestedWithHeader,
  requireSession,
  type AuthenticatedUser,
  CurrentUser,
  SameSiteRequest,
} from '@grantkeeper/identity';
import { ConfigureTaskDto } from './dto/configure-task.dto.js';
import { UserTaskDto } from './dto/user-task.dto.js';
import { type UserTaskView, UserTasksService } from './user-tasks.service.js';

/** The signed-in user's offline tasks (the news digest): list them, turn one on or off. */
@ApiTags('offline-access')
@ApiCookieAuth()
@Controller('offline-access/tasks')
export class UserTasksController {
  constructor(private readonly tasks: UserTasksService) {}

  @Get()
  @ApiOperation({ summary: 'The offline tasks on offer and their state for the user' })
  @ApiOkResponse({ type: [UserTaskDto] })
  list(@CurrentUser() user: AuthenticatedUser): Promise<UserTaskView[]> {
    return this.tasks.list(user.id);
  }

  @Put(':name')
  @SameSiteRequest()
  @RequestedWithHeader()
  @ApiOperation({ summary: 'Turn a task on (with its settings) or off' })
  @ApiOkResponse({ type: UserTaskDto, description: 'The task as it now is.' })
  configure(
    @CurrentUser() user: AuthenticatedUser,
    @Param('name') name: string,
    @Body() body: ConfigureTaskDto,
  ): Promise<UserTaskView> {
    requireSession(user, 'Sign in on this site to change your tasks.');
    return this.tasks.configure(user.id, name, body);
  }
}
