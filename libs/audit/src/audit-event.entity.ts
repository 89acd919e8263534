import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who can cause an event: the one list the log, its filters and the API docs use. */
export const AUDIT_ACTOR_KINDS = [
  'user',
  'admin',
  'service',
  'system',
  'google',
  'anonymous',
] as const;

export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

/** One row of the append-only audit log (UPDATE and DELETE are refused by a trigger). */
// Indexes are written by hand in the migrations; `synchronize: false` tells the generator so.
@Index('audit_events_time_idx', { synchronize: false })
@Index('audit_events_subject_idx', { synchronize: false })
@Index('audit_events_action_idx', { synchronize: false })
@Index('audit_events_grant_idx', { synchronize: false })
@Index('audit_events_actor_kind_idx', { synchronize: false })
@Index('audit_events_actor_id_idx', { synchronize: false })
@Entity({ name: 'audit_events' })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  actorKind!: AuditActorKind;

  @Column({ type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'uuid', nullable: true })
  subjectUserId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  grantId!: string | null;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent!: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details!: Record<string, unknown>;
}
