/** Where a consent request stands: `expired` once `expires_at` passed while it was pending. */
export const CONSENT_REQUEST_STATUSES = ['pending', 'completed', 'declined', 'expired'] as const;
export type ConsentRequestStatus = (typeof CONSENT_REQUEST_STATUSES)[number];

/**
 * How long a consent link stays usable: a week. The link usually reaches the user by email or
 * a notification and waits for them to come back (a weekend, a week off, the next weekly
 * digest); after that the service should ask again, with fresh context, rather than have the
 * user act on a stale ask. Each new ask for the same scopes and purpose extends it.
 */
export const CONSENT_REQUEST_LIFETIME_DAYS = 7;

/** A service's request that a user grant more Google scopes. */
export interface ConsentRequest {
  readonly id: string;
  readonly clientId: string;
  readonly userId: string;
  /** Normalised and sorted. */
  readonly scopes: readonly string[];
  readonly purpose: string;
  readonly returnUrl: string | null;
  readonly status: ConsentRequestStatus;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly completedAt: Date | null;
  /** At completion: which of `scopes` the user actually granted (they may untick some). */
  readonly grantedScopes: readonly string[] | null;
}

/** A consent request with what its page shows of the service asking. */
export interface ConsentRequestPage {
  readonly request: ConsentRequest;
  readonly service: { readonly name: string; readonly team: string };
  /** The purpose's user-facing feature text (the purpose id when the catalogue lost it). */
  readonly feature: string;
}
