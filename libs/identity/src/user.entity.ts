import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type UserRole = 'user' | 'admin';

/** A person who signed in with Google, keyed by Google's `sub` (never by email). */
@Index('users_email_idx', { synchronize: false })
@Index('users_created_at_idx', { synchronize: false })
@Index('users_email_trgm_idx', { synchronize: false })
@Index('users_name_trgm_idx', { synchronize: false })
@Index('users_id_email_idx', { synchronize: false })
@Index('users_last_sign_in_idx', { synchronize: false })
@Check('users_role_check', `role = ANY (ARRAY['user'::text, 'admin'::text])`)
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  googleSub!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'boolean', default: false })
  emailVerified!: boolean;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text', nullable: true })
  givenName!: string | null;

  @Column({ type: 'text', nullable: true })
  familyName!: string | null;

  @Column({ type: 'text', nullable: true })
  picture!: string | null;

  @Column({ type: 'text', nullable: true })
  hd!: string | null;

  @Column({ type: 'text', default: 'user' })
  role!: UserRole;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastSignInAt!: Date | null;
}
