import { Check, Column, Entity, Index, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * `active`: usable. `revoked`: dead for good (the user or an admin switched it off, or Google
 * answered `invalid_grant` or sent a RISC token event); only a new consent brings it back.
 * `suspended`: Google disabled the account (RISC `account-disabled`); tokens are kept but not
 * handed out until `account-enabled`.
 */
export type GrantStatus = 'active' | 'revoked' | 'suspended';

/**
 * One user's offline access for one OAuth client: what Google granted, and where the tokens are.
 * Token material lives only in vault envelopes; this row holds their ids.
 */
@Index('grants_status_idx', { synchronize: false })
@Index('grants_refresh_token_identifier_idx', { synchronize: false })
@Index('grants_health_flags_idx', { synchronize: false })
@Index('grants_created_at_idx', { synchronize: false })
@Index('grants_last_used_at_idx', { synchronize: false })
@Index('grants_scopes_idx', { synchronize: false })
@Index('grants_revoked_at_idx', { synchronize: false })
@Index('grants_suspended_at_idx', { synchronize: false })
// Partial, one per health flag and sort (migrations/1765500000000-admin-scale-indexes.ts).
@Index('grants_testing_mode_expiry_created_at_idx', { synchronize: false })
@Index('grants_testing_mode_expiry_last_used_at_idx', { synchronize: false })
@Index('grants_idle_near_expiry_created_at_idx', { synchronize: false })
@Index('grants_idle_near_expiry_last_used_at_idx', { synchronize: false })
@Index('grants_refresh_token_churn_created_at_idx', { synchronize: false })
@Index('grants_refresh_token_churn_last_used_at_idx', { synchronize: false })
@Unique('grants_user_client_key', ['userId', 'clientId'])
@Check(
  'grants_status_check',
  `status = ANY (ARRAY['active'::text, 'revoked'::text, 'suspended'::text])`,
)
@Entity({ name: 'grants' })
export class GrantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  // The owner's row by key only: no relation to identity's entity, which nothing joins through.
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE', name: 'grants_user_id_fkey' })
  userId!: string;

  @Column({ type: 'text' })
  clientId!: string;

  /** Scopes Google actually granted (granular consent may leave some out). */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  scopes!: string[];

  @Column({ type: 'text', default: 'active' })
  status!: GrantStatus;

  /** Vault envelope of the refresh token; null once purged. */
  @Column({ type: 'uuid', nullable: true })
  refreshTokenEnvelopeId!: string | null;

  /** Vault envelope of the last access token, reused while it has more than a few minutes left. */
  @Column({ type: 'uuid', nullable: true })
  accessTokenEnvelopeId!: string | null;

  /**
   * Google's `hash_base64_sha512_sha512` of the refresh token, as RISC `token-revoked` events
   * name it. A double SHA-512 of a high-entropy secret: it identifies the token, it cannot
   * be turned back into it. Null when no refresh token is held.
   */
  @Column({ type: 'text', nullable: true })
  refreshTokenIdentifier!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  accessTokenExpiresAt!: Date | null;

  /** When the refresh token held now was issued (stored). */
  @Column({ type: 'timestamptz', nullable: true })
  refreshTokenIssuedAt!: Date | null;

  /**
   * When the refresh token dies, as Google's `refresh_token_expires_in` said (time-based access,
   * or an app in Testing publishing status); null when Google gave it no expiry.
   */
  @Column({ type: 'timestamptz', nullable: true })
  refreshTokenExpiresAt!: Date | null;

  /**
   * Since when Google has been answering `invalid_rapt`: the user's organisation wants them to
   * sign in again. The grant and its refresh token are kept; null once a refresh works again.
   */
  @Column({ type: 'timestamptz', nullable: true })
  reauthRequiredAt!: Date | null;

  /**
   * Google-specific warnings (`GRANT_HEALTH_FLAGS`, health-flags.ts), recomputed by the
   * keep-alive sweep; `reauth_required` is also set and cleared by the broker as it happens.
   */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  healthFlags!: string[];

  /**
   * Refresh tokens Google issued for this grant that may still be live there (Google keeps at
   * most 100 per user and client): back to 1 when a new one arrives and the held one was revoked
   * first or was dead already, so only tokens left behind count.
   */
  @Column({ type: 'integer', default: 0 })
  refreshTokensIssued!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastRefreshedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  /** Consecutive transient refresh failures; reset by a successful refresh. */
  @Column({ type: 'integer', default: 0 })
  failureCount!: number;

  /** Stable code of the last refresh failure (`upstream_unavailable`, `invalid_grant`, …). */
  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** No upstream refresh before this time (backoff with jitter, or Google's Retry-After). */
  @Column({ type: 'timestamptz', nullable: true })
  nextRefreshAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** When the grant became `suspended`; null once it is active again. */
  @Column({ type: 'timestamptz', nullable: true })
  suspendedAt!: Date | null;

  /** `user:<id>`, `admin:<id>`, `google` (invalid_grant, RISC) or `system`. */
  @Column({ type: 'text', nullable: true })
  revokedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  revocationReason!: string | null;

  /**
   * When Google confirmed the revocation (or said the token was already dead). Null on a revoked
   * grant means the revoke call is still to be retried, so the refresh token's envelope is kept.
   */
  @Column({ type: 'timestamptz', nullable: true })
  upstreamRevokedAt!: Date | null;
}
