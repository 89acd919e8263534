import { ApiProperty } from '@nestjs/swagger';
import type { UserTaskView } from '../user-tasks.service.js';

/** One offline task as the signed-in user sees it (GET and PUT /offline-access/tasks). */
export class UserTaskDto implements UserTaskView {
  @ApiProperty({ description: 'The task, e.g. `news-digest`.' }) name!: string;
  @ApiProperty({ description: 'Its name for people.' }) title!: string;
  @ApiProperty({ type: [String], description: 'The scopes it needs (full URLs).' })
  scopes!: string[];
  @ApiProperty({ description: 'Whether the user switched it on.' }) enabled!: boolean;
  @ApiProperty({
    enum: ['active', 'paused'],
    description: '`paused`: it waits for the user (see `pausedReason`) and does not run.',
  })
  state!: 'active' | 'paused';
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Why it waits: `grant_revoked`, `grant_not_found`, `grant_suspended` or `scope_not_granted`.',
  })
  pausedReason!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Its settings, e.g. `{ "categories": ["science"] }` for news-digest.',
  })
  settings!: Record<string, unknown>;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it runs next.',
  })
  nextRunAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it last ran, successfully or not.',
  })
  lastRunAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The error code of the last run if it failed (e.g. `gmail_token_refused`); else null.',
  })
  lastError!: string | null;
  @ApiProperty({ description: 'Failed runs in a row; 0 after a success.' })
  consecutiveFailures!: number;
}
