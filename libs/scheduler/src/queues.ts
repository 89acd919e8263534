import type { Queue } from 'pg-boss';

/** Every queue the scheduler uses, by name. Jobs of one queue share a retry policy. */
export const QUEUES = {
  /** Finds grants due for a keep-alive refresh and queues one job per batch of them. */
  keepAliveSweep: 'keep-alive-sweep',
  /** Refreshes a batch of grants (`{ grantIds }`), each still due, once. */
  keepAlive: 'grant-keep-alive',
  /** Finds user tasks due to run and queues one job per task. */
  taskSweep: 'task-sweep',
  /** Runs one user's task once (`{ userTaskId }`). */
  offlineTask: 'offline-task',
  /** Purges what retention allows (expired states, revoked tokens, old audit rows). */
  purge: 'purge',
  /** Re-wraps vault envelopes to the active key version, one batch per job, until none remain. */
  vaultRewrap: 'vault-rewrap',
  /** Jobs that failed every retry, kept for an operator to look at and retry. */
  deadLetter: 'dead-letter',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * `exclusive`: at most one job per singleton key is queued or active, cluster-wide, so a sweep
 * triggered by every instance's cron at the same minute runs once, and a grant or a user's task
 * is never worked on twice at the same time.
 */
export function queueDefinitions(jobTimeoutSeconds: number, retryDelaySeconds: number): Queue[] {
  const retrying = {
    retryLimit: 4,
    retryDelay: retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 3600,
    expireInSeconds: jobTimeoutSeconds,
    deadLetter: QUEUES.deadLetter,
  };
  return [
    { name: QUEUES.deadLetter, policy: 'standard', retentionSeconds: 30 * 86_400 },
    { name: QUEUES.keepAliveSweep, policy: 'exclusive', ...retrying },
    { name: QUEUES.keepAlive, policy: 'exclusive', ...retrying },
    { name: QUEUES.taskSweep, policy: 'exclusive', ...retrying },
    { name: QUEUES.offlineTask, policy: 'exclusive', ...retrying },
    { name: QUEUES.purge, policy: 'exclusive', ...retrying },
    { name: QUEUES.vaultRewrap, policy: 'exclusive', ...retrying },
  ];
}
