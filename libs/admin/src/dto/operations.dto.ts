import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUEUES, type QueueName } from '@grantkeeper/scheduler';
import { IsIn, IsOptional } from 'class-validator';

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
  @ApiProperty({ type: String, nullable: true, description: "The user's email." })
  userEmail!: string | null;

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
  @ApiProperty({
    description:
      'Encryptions made under this key version by every instance (each seal, reseal and ' +
      're-wrap is one), against the 2^32 bound of AES-GCM with random nonces.',
  })
  encryptions!: number;
  @ApiProperty({
    description: 'True past 2^30 encryptions (a quarter of the bound): time to rotate.',
  })
  rotateSoon!: boolean;
}

export class FailedJobDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The queue the job belongs to.' }) queue!: string;
  @ApiProperty({ description: "The job's name (pg-boss names a job after its queue)." })
  name!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The grant or user task it was about.',
  })
  singletonKey!: string | null;
  @ApiProperty() retryCount!: number;
  @ApiProperty({ format: 'date-time' }) createdOn!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedOn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The last failure's message." })
  error!: string | null;
}

export class FailedJobsDto {
  @ApiProperty({ type: [FailedJobDto], description: 'Newest first, at most 100.' })
  items!: FailedJobDto[];
}

export class RetriedJobDto {
  @ApiProperty({ enum: [true] }) retried!: true;
}

export class RewrapRunDto {
  @ApiProperty({ format: 'date-time' }) finishedAt!: string;
  @ApiProperty() rewrapped!: number;
  @ApiProperty({ description: 'Envelopes left on older key versions when it finished.' })
  remaining!: number;
}

export class RewrapStatusDto {
  @ApiProperty({ description: 'Envelopes not yet on the active key version.' }) remaining!: number;
  @ApiProperty({ description: 'A re-wrap job is queued or running.' }) queued!: boolean;
  @ApiProperty({ type: RewrapRunDto, nullable: true, description: 'The last run that re-wrapped.' })
  lastRun!: RewrapRunDto | null;
}

export class RewrapStartedDto {
  @ApiProperty({ description: 'False when a re-wrap was already queued or running.' })
  queued!: boolean;
  @ApiProperty() remaining!: number;
}

export class VaultStatusDto {
  @ApiProperty() activeVersion!: number;
  @ApiProperty({ description: 'Encryptions allowed per key version: 2^32 (NIST SP 800-38D).' })
  encryptionLimit!: number;
  @ApiProperty({ type: [VaultVersionDto] }) versions!: VaultVersionDto[];
  @ApiProperty({
    format: 'date-time',
    description: 'When the envelopes were counted: an instance reuses its counts for up to 10 s.',
  })
  countedAt!: string;
  @ApiProperty({ type: RewrapStatusDto }) rewrap!: RewrapStatusDto;
}

export class FailedJobsQueryDto {
  @ApiPropertyOptional({ enum: Object.values(QUEUES), description: 'One queue; all by default.' })
  @IsOptional()
  @IsIn(Object.values(QUEUES))
  queue?: QueueName;
}
