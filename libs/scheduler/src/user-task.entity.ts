import { Check, Column, Entity, Index, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** `paused`: waits for the user to reconnect (grant revoked or a scope missing). */
export type UserTaskState = 'active' | 'paused';

/** One user's subscription to one offline task, with its own schedule and health. */
@Index('user_tasks_due_idx', { synchronize: false })
@Unique('user_tasks_user_task_key', ['userId', 'taskName'])
@Check('user_tasks_state_check', `state = ANY (ARRAY['active'::text, 'paused'::text])`)
@Entity({ name: 'user_tasks' })
export class UserTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  // The owner's row by key only: no relation to identity's entity, which nothing joins through.
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE', name: 'user_tasks_user_id_fkey' })
  userId!: string;

  @Column({ type: 'text' })
  taskName!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** The task's own settings (the news digest's categories). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  settings!: Record<string, unknown>;

  @Column({ type: 'text', default: 'active' })
  state!: UserTaskState;

  /** `grant_revoked`, `grant_not_found`, `grant_suspended` or `scope_not_granted`. */
  @Column({ type: 'text', nullable: true })
  pausedReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  nextRunAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastRunAt!: Date | null;

  /** Stable code of the last failure; never token material. */
  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'integer', default: 0 })
  consecutiveFailures!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
