export { type FailedJob, type JobHandler, JobQueue, type WorkOptions } from './job-queue.js';
export { KEEP_ALIVE_BATCH, type KeepAliveJob, KeepAliveWorker } from './keep-alive.worker.js';
export {
  OFFLINE_TASKS,
  type OfflineTask,
  type OfflineTaskContext,
  OfflineTaskError,
} from './offline-task.js';
export { VAULT_REWRAPPED } from './maintenance.worker.js';
export { QUEUES, type QueueName } from './queues.js';
export {
  SchedulerError,
  type SchedulerErrorCode,
  SCHEDULER_ERROR_STATUS,
} from './scheduler.errors.js';
export { SCHEDULER_ENTITIES, SchedulerModule } from './scheduler.module.js';
export { SchedulerService, type Sweep } from './scheduler.service.js';
export type { TaskRunEntity, TaskRunOutcome } from './task-run.entity.js';
export { NEWS, NEWS_CATEGORIES, type NewsItem } from './tasks/news-items.js';
export type { UserTaskEntity, UserTaskState } from './user-task.entity.js';
export { type UserTaskView, UserTasksService } from './user-tasks.service.js';
