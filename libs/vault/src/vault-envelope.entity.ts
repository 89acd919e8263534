import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One sealed secret. Nothing here is plaintext: the secret is AES-256-GCM ciphertext under a
 * data key that is itself stored only wrapped by the KEK of `kek_version`. The owner is not
 * stored; it is authenticated through the additional data, so a caller must name it to open.
 */
// The index is written by hand in the migration; `synchronize: false` tells the generator so.
@Index('vault_envelopes_kek_version_idx', { synchronize: false })
@Entity({ name: 'vault_envelopes' })
export class VaultEnvelopeEntity {
  /** Chosen before encryption, since the additional data binds the ciphertext to it. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ type: 'int' })
  kekVersion!: number;

  @Column({ type: 'bytea' })
  dataKeyNonce!: Buffer;

  @Column({ type: 'bytea' })
  wrappedDataKey!: Buffer;

  @Column({ type: 'bytea' })
  dataKeyTag!: Buffer;

  @Column({ type: 'bytea' })
  nonce!: Buffer;

  @Column({ type: 'bytea' })
  ciphertext!: Buffer;

  @Column({ type: 'bytea' })
  tag!: Buffer;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  rewrappedAt!: Date | null;
}
