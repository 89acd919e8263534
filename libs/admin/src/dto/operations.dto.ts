import { ApiProperty } from '@nestjs/swagger';

export class QueueStatsDto {
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'False when this instance runs no job queue (SCHEDULER_ENABLED).' })
  available!: boolean;
  @ApiProperty() deferred!: number;
  @ApiProperty() queued!: number;
  @ApiProperty() active!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() total!: number;
}

export class TaskRunDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() taskName!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) finishedAt!: string;
  @ApiProperty() outcome!: string;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class JobsOverviewDto {
  @ApiProperty({ type: [QueueStatsDto] }) queues!: QueueStatsDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: "Users' tasks by state (`active`, `paused`, `disabled`).",
  })
  tasks!: Record<string, number>;
  @ApiProperty({
    format: 'date-time',
    description: 'When `tasks` was counted: an instance reuses its counts for up to 10 s.',
  })
  tasksCountedAt!: string;
  @ApiProperty({ type: [TaskRunDto], description: 'The 50 newest task runs.' })
  recentRuns!: TaskRunDto[];
}

export class VaultVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'Envelopes sealed under this key version.' }) envelopes!: number;
  @ApiProperty({ description: 'Whether the keyring holds this version.' }) configured!: boolean;
}

export class VaultStatusDto {
  @ApiProperty() activeVersion!: number;
  @ApiProperty({ type: [VaultVersionDto] }) versions!: VaultVersionDto[];
  @ApiProperty({
    format: 'date-time',
    description: 'When the envelopes were counted: an instance reuses its counts for up to 10 s.',
  })
  countedAt!: string;
}
