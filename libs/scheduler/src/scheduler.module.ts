import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import { GmailSender } from '@grantkeeper/google';
import { IdentityModule } from '@grantkeeper/identity';
import { OfflineAccessModule } from '@grantkeeper/offline-access';
import { ServiceApiModule } from '@grantkeeper/service-api';
import { VaultModule } from '@grantkeeper/vault';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { JobQueue } from './job-queue.js';
import { KeepAliveWorker } from './keep-alive.worker.js';
import { MaintenanceWorker } from './maintenance.worker.js';
import { OFFLINE_TASKS, type OfflineTask } from './offline-task.js';
import { SchedulerMetrics } from './scheduler.metrics.js';
import { SchedulerService } from './scheduler.service.js';
import { TaskRunEntity } from './task-run.entity.js';
import { TaskRunner } from './task-runner.js';
import { newsDigestTask } from './tasks/news-digest.task.js';
import { UserTaskEntity } from './user-task.entity.js';
import { UserTasksController } from './user-tasks.controller.js';
import { UserTasksService } from './user-tasks.service.js';

/** Entities owned by this module, for the composition root's data source. */
export const SCHEDULER_ENTITIES = [UserTaskEntity, TaskRunEntity];

/** The offline tasks that ship with Grantkeeper, configured from the environment. */
function builtInTasks(config: ConfigService, gmail: GmailSender): OfflineTask[] {
  return [
    newsDigestTask({
      gmail,
      accountUrl: new URL('/account', config.get('publicUrl')).href,
      schedule: config.get('scheduler').newsDigestCron,
    }),
  ];
}

@Module({})
export class SchedulerModule {
  /** The scheduler with the built-in tasks and any `tasks` a deployment adds. */
  static forRoot(options: { tasks?: readonly OfflineTask[] } = {}): DynamicModule {
    return {
      module: SchedulerModule,
      imports: [
        ScheduleModule.forRoot(),
        TypeOrmModule.forFeature(SCHEDULER_ENTITIES),
        AuditModule,
        IdentityModule,
        OfflineAccessModule,
        // For the purge job only: the service API's expired access tokens and assertion ids.
        ServiceApiModule,
        VaultModule,
      ],
      controllers: [UserTasksController],
      providers: [
        // One registry per application (tests run several in one process): GET /metrics serves
        // it, with Node's own metrics.
        {
          provide: Registry,
          useFactory: () => {
            const registry = new Registry();
            collectDefaultMetrics({ register: registry });
            return registry;
          },
        },
        {
          provide: OFFLINE_TASKS,
          inject: [ConfigService, GmailSender],
          useFactory: (config: ConfigService, gmail: GmailSender) => [
            ...builtInTasks(config, gmail),
            ...(options.tasks ?? []),
          ],
        },
        JobQueue,
        SchedulerMetrics,
        UserTasksService,
        TaskRunner,
        KeepAliveWorker,
        MaintenanceWorker,
        SchedulerService,
      ],
      exports: [SchedulerService, UserTasksService, JobQueue, Registry],
    };
  }
}
