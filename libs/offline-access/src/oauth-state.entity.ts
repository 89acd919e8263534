import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One started redirect flow (`GET /auth/google`): the `state` Google sends back, single-use.
 * Only hashes of the state and of the browser-binding cookie are stored, so a copy of the table
 * can't be used to complete someone's flow; the PKCE verifier is a vault envelope.
 */
@Entity({ name: 'oauth_states' })
export class OAuthStateEntity {
  /** SHA-256 of the `state` value. */
  @PrimaryColumn({ type: 'bytea' })
  stateHash!: Buffer;

  /** SHA-256 of the binding cookie set in the browser that started the flow. */
  @Column({ type: 'bytea' })
  bindingHash!: Buffer;

  /** The signed-in user who started it; null when the flow also signs the user in. */
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  /** Vault envelope of the PKCE code verifier. */
  @Column({ type: 'uuid' })
  verifierEnvelopeId!: string;

  /** Local path to return to once done (checked: never another site). */
  @Column({ type: 'text' })
  returnTo!: string;

  /** Whether this attempt asked Google for `prompt=consent`. */
  @Column({ type: 'boolean', default: false })
  forcedConsent!: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  consumedAt!: Date | null;
}
