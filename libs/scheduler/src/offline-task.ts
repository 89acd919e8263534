import type { Logger } from '@nestjs/common';
import type { OfflineAccessErrorCode } from '@grantkeeper/offline-access';

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

/**
 * Why a task's run failed, kept as the run's error code (and the user task's `last_error`), a
 * closed set that pages and the dashboard translate:
 * - the broker's codes, passed on when no access token could be had (`grant_revoked`,
 *   `scope_not_granted`, `upstream_unavailable`…): see {@link OfflineAccessErrorCode};
 * - `invalid_settings`: the saved settings are refused; `no_email`: the user has no address;
 * - Gmail's answers: `gmail_unreachable` (no answer, or none in time), `gmail_unavailable`
 *   (429 or 5xx), `gmail_token_refused` (401, to the renewed token too), `gmail_rejected` (any
 *   other refusal). The HTTP status goes with the error as `upstreamStatus`, never in the code.
 */
export type OfflineTaskErrorCode =
  | OfflineAccessErrorCode
  | 'invalid_settings'
  | 'no_email'
  | 'gmail_unreachable'
  | 'gmail_unavailable'
  | 'gmail_token_refused'
  | 'gmail_rejected';

/** Options of an {@link OfflineTaskError}. */
export interface OfflineTaskErrorOptions {
  readonly cause?: unknown;
  /** The HTTP status of the upstream answer behind the failure, kept in the run's details. */
  readonly upstreamStatus?: number;
}

/** Says why a run failed; `retryable` says whether trying again soon may help. */
export class OfflineTaskError extends Error {
  readonly upstreamStatus: number | undefined;

  constructor(
    readonly code: OfflineTaskErrorCode,
    message: string,
    readonly retryable: boolean,
    options: OfflineTaskErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OfflineTaskError';
    this.upstreamStatus = options.upstreamStatus;
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
