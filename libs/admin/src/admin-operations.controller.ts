import { Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { auditContextOf } from '@grantkeeper/audit';
import { type AuthenticatedUser, CurrentUser } from '@grantkeeper/identity';
import { QUEUES, type QueueName, SchedulerError } from '@grantkeeper/scheduler';
import type { FastifyRequest } from 'fastify';
import { AdminController, RequestedWith } from './admin-docs.js';
import { AdminOperationsService } from './admin-operations.service.js';
import {
  FailedJobsDto,
  FailedJobsQueryDto,
  JobsOverviewDto,
  RetriedJobDto,
  RewrapStartedDto,
  VaultStatusDto,
} from './dto/operations.dto.js';

const QUEUE_NAMES: ReadonlySet<string> = new Set(Object.values(QUEUES));

@AdminController('')
export class AdminOperationsController {
  constructor(private readonly operations: AdminOperationsService) {}

  @Get('jobs')
  @ApiOperation({ summary: 'Job queue counts per queue, tasks by state, recent task runs' })
  @ApiOkResponse({ type: JobsOverviewDto })
  jobs(): Promise<JobsOverviewDto> {
    return this.operations.jobs();
  }

  @Get('jobs/failed')
  @ApiOperation({ summary: 'Jobs that failed every retry, newest first (at most 100)' })
  @ApiOkResponse({ type: FailedJobsDto })
  failedJobs(@Query() query: FailedJobsQueryDto): Promise<FailedJobsDto> {
    return this.operations.failedJobs(query.queue);
  }

  @Post('jobs/:queue/:id/retry')
  @HttpCode(200)
  @RequestedWith()
  @ApiOperation({ summary: 'Run a failed job again now (audited)' })
  @ApiOkResponse({ type: RetriedJobDto })
  @ApiNotFoundResponse({ description: '`job_not_found`' })
  @ApiConflictResponse({ description: '`job_not_failed`, `job_already_queued`' })
  retryJob(
    @Param('queue') queue: string,
    @Param('id') id: string,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<{ retried: true }> {
    if (!QUEUE_NAMES.has(queue)) throw new SchedulerError('job_not_found', 'No such queue.');
    return this.operations.retryJob(queue as QueueName, id, admin, auditContextOf(request));
  }

  @Get('vault')
  @ApiOperation({ summary: "The vault's key versions, envelopes per version, re-wrap progress" })
  @ApiOkResponse({ type: VaultStatusDto })
  vault(): Promise<VaultStatusDto> {
    return this.operations.vaultStatus();
  }

  @Post('vault/rewrap')
  @HttpCode(202)
  @RequestedWith()
  @ApiOperation({ summary: 'Queue a re-wrap of envelopes onto the active key version (audited)' })
  @ApiAcceptedResponse({ type: RewrapStartedDto })
  startRewrap(
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<RewrapStartedDto> {
    return this.operations.startRewrap(admin, auditContextOf(request));
  }
}
