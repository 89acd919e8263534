import type { Logger } from '@nestjs/common';

/** What a task's `run` gets: a valid access token for the user's grant, and their settings. */
export interface OfflineTaskContext {
  readonly userId: string;
  readonly email: string | null;
  readonly name: string | null;
  /** A live Google access token carrying at least the task's scopes. Never log it. */
  readonly accessToken: string;
  /**
   * Call when a Google API answered 401 to `accessToken`: the broker drops it and refreshes the
   * grant once. Resolves to a new token; rejects with an {@link OfflineTaskError} whose code says
   * why there is none (`grant_revoked` when Google refused the grant itself: the task pauses).
   */
  readonly renewAccessToken: () => Promise<string>;
  readonly settings: Readonly<Record<string, unknown>>;
  /** Aborted when the job's time is up or the instance shuts down. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
}

/** Says why a run failed in a way that retrying now won't fix (kept as the run's error code). */
export class OfflineTaskError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OfflineTaskError';
  }
}

/**
 * Work done for a user while they are away, with their Google grant. Register an implementation
 * with `SchedulerModule.forRoot({ tasks: [...] })`.
 */
export interface OfflineTask {
  /** Stable id, used in URLs and rows: kebab-case. */
  readonly name: string;
  /** What the user reads on /account. */
  readonly title: string;
  /** Google scopes `run` needs; the task pauses while the grant lacks one. */
  readonly scopes: readonly string[];
  /** Cron expression of the regular runs (each user's next run is computed from it). */
  readonly schedule: string;
  /** Checks and normalises settings a user saves; throws `OfflineTaskError` to refuse them. */
  parseSettings(input: unknown): Record<string, unknown>;
  /** Does the work once. Returns details for the run history (no secrets). */
  run(context: OfflineTaskContext): Promise<Record<string, unknown>>;
}

/** Injection token of the registered tasks. */
export const OFFLINE_TASKS = Symbol('OFFLINE_TASKS');
