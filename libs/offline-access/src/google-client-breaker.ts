import { Injectable, Logger } from '@nestjs/common';

/** How long Google is left alone after it refused our client, before one call tries again. */
export const CLIENT_BREAKER_COOL_DOWN_MS = 60_000;

/** The breaker as the dashboard and the metrics show it. */
export interface GoogleClientState {
  /** True while Google refuses our OAuth client and refreshes are held back. */
  readonly rejected: boolean;
  /** When Google first refused it, in this outage. */
  readonly since: Date | null;
  /** Refusals seen in this outage (the first, then one per probe). */
  readonly refusals: number;
}

/**
 * A breaker for the whole OAuth client. `401 invalid_client` from Google's token endpoint
 * means our client id or secret is refused (the secret was rotated, the client deleted): the
 * deployment's fault, true of every grant at once. The first one opens the breaker: no grant
 * is marked failing, and no refresh calls Google until the cool-down has passed; then the next
 * refresh is the probe, and Google accepting it closes the breaker.
 *
 * Per instance, in memory: each instance finds out with its own first call, which costs one
 * refused call per instance and keeps the database out of the hot path.
 */
@Injectable()
export class GoogleClientBreaker {
  private readonly logger = new Logger('GoogleClientBreaker');
  private openedAt: number | null = null;
  private lastRefusalAt = 0;
  private refusals = 0;

  constructor(
    private readonly coolDownMs = CLIENT_BREAKER_COOL_DOWN_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a call to Google may go now: closed, or open and cooled down (a probe). */
  allows(): boolean {
    return this.openedAt === null || this.now() - this.lastRefusalAt >= this.coolDownMs;
  }

  /** Seconds until the next probe, for `Retry-After`. */
  retryAfterSeconds(): number {
    const left = this.lastRefusalAt + this.coolDownMs - this.now();
    return Math.max(1, Math.ceil(left / 1000));
  }

  /** Google answered `401 invalid_client`. */
  refused(): void {
    const now = this.now();
    this.refusals += 1;
    this.lastRefusalAt = now;
    if (this.openedAt !== null) return;
    this.openedAt = now;
    this.logger.error({
      msg:
        'ALERT: Google refuses our OAuth client (401 invalid_client): check GOOGLE_CLIENT_IDS and ' +
        'GOOGLE_CLIENT_SECRET. Refreshes are held back, grants are left as they are.',
      retryEverySeconds: Math.round(this.coolDownMs / 1000),
    });
  }

  /** Google accepted the client again (any successful refresh). */
  accepted(): void {
    if (this.openedAt === null) return;
    this.logger.log({
      msg: 'Google accepts our OAuth client again; refreshes resume.',
      refusals: this.refusals,
    });
    this.openedAt = null;
    this.refusals = 0;
  }

  state(): GoogleClientState {
    return {
      rejected: this.openedAt !== null,
      since: this.openedAt === null ? null : new Date(this.openedAt),
      refusals: this.refusals,
    };
  }
}
