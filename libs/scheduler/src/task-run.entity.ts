import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type TaskRunOutcome = 'succeeded' | 'failed' | 'paused';

/** One run of a user's task: the history the dashboard shows. */
@Index('task_runs_user_task_idx', { synchronize: false })
@Index('task_runs_time_idx', { synchronize: false })
@Check(
  'task_runs_outcome_check',
  `outcome = ANY (ARRAY['succeeded'::text, 'failed'::text, 'paused'::text])`,
)
@Entity({ name: 'task_runs' })
export class TaskRunEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  userTaskId!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  taskName!: string;

  /** The pg-boss job and its attempt: a retried job shows as several runs of one job. */
  @Column({ type: 'text', nullable: true })
  jobId!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempt!: number;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz' })
  finishedAt!: Date;

  @Column({ type: 'text' })
  outcome!: TaskRunOutcome;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** What the task reports (messages sent, items included); no secrets. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  details!: Record<string, unknown>;
}
