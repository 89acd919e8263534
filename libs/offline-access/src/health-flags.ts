/**
 * The Google-specific warnings a grant may carry (`grants.health_flags`), the one list the
 * keep-alive sweep computes (GrantsService.updateHealthFlags), the broker sets and clears
 * (`reauth_required`), and the admin API filters by.
 */
export const GRANT_HEALTH_FLAGS = [
  'testing_mode_expiry',
  'idle_near_expiry',
  'refresh_token_churn',
  'reauth_required',
] as const;

export type GrantHealthFlag = (typeof GRANT_HEALTH_FLAGS)[number];

/** The health flag of a grant whose user must sign in to Google again (`invalid_rapt`). */
export const REAUTH_FLAG = 'reauth_required' satisfies GrantHealthFlag;
