import type { Schema } from '../api/api-types';

type AdminUserTask = Schema<'AdminUserTaskDto'>;

/** A user task's state as an admin should read it: a task whose last run failed is `failing`. */
export type TaskHealth = 'disabled' | 'paused' | 'failing' | 'active';

export function taskHealth(
  task: Pick<AdminUserTask, 'enabled' | 'state' | 'lastError' | 'consecutiveFailures'>,
): TaskHealth {
  if (!task.enabled) return 'disabled';
  if (task.state === 'paused') return 'paused';
  return task.lastError && task.consecutiveFailures > 0 ? 'failing' : 'active';
}

/** A task run's error code in plain words (the code stays next to it). */
export function describeTaskError(code: string): string {
  if (code === 'gmail_token_refused') return 'Google refused the access token';
  if (code === 'gmail_rejected') return 'Google refused to send for this user';
  if (code === 'gmail_unreachable' || code === 'gmail_unavailable') {
    return 'Gmail could not be reached; retried';
  }
  if (code === 'scope_not_granted') return 'the grant lacks the scope it needs';
  if (code.startsWith('grant_')) return 'offline access is off or unusable';
  return 'the task failed';
}
