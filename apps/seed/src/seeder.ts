import { EnvelopeCipher, type Keyring } from '@grantkeeper/vault';
import pg from 'pg';
import { insertAuditEvents, lifecycleEventCount } from './seed-audit.js';
import { insertGrants, subRange } from './seed-grants.js';
import { insertTasks } from './seed-tasks.js';
import { insertUsers } from './seed-users.js';
import { SEEDED_SUB_FROM, seededSub } from './seed-vocabulary.js';

export interface SeedCounts {
  readonly grants: number;
  readonly audit: number;
  readonly users: number;
}

export interface SeedTarget {
  /** The OAuth web client the grants are for (the api's first `GOOGLE_CLIENT_IDS`). */
  readonly clientId: string;
  /** The vault's keyring: envelopes are sealed with its active key. */
  readonly keyring: Keyring;
  /** The end of the two years the data spans; default now. */
  readonly now?: Date;
}

export interface SeedSummary extends SeedCounts {
  readonly envelopes: number;
  readonly userTasks: number;
  readonly taskRuns: number;
  readonly seconds: number;
  readonly databaseBytes: number;
}

/** The database already holds seeded rows: nothing was written. */
export class SeedRefusedError extends Error {
  override readonly name = 'SeedRefusedError';
}

const SPAN_DAYS = 730;
const USER_BATCH = 50_000;
const GRANT_BATCH = 5_000;
/** Each grant's creation is on the record, and a fifth of them were revoked. */
export const MIN_AUDIT_PER_GRANT = 1.3;

/**
 * Seeds synthetic users, grants (with sealed refresh tokens), offline tasks and audit events in
 * one transaction: an interrupted run leaves nothing behind, and a database that already holds
 * seeded users is refused (`SeedRefusedError`) rather than seeded twice.
 */
export async function seedDatabase(
  url: string,
  counts: SeedCounts,
  target: SeedTarget,
  log: (line: string) => void = () => undefined,
): Promise<SeedSummary> {
  if (counts.audit > 0 && counts.audit < Math.ceil(counts.grants * MIN_AUDIT_PER_GRANT)) {
    throw new SeedRefusedError(
      `--audit must be at least ${MIN_AUDIT_PER_GRANT} × --grants ` +
        `(${Math.ceil(counts.grants * MIN_AUDIT_PER_GRANT)}): every grant's creation and ` +
        'revocation is on the record',
    );
  }
  if (counts.audit > 0 && counts.users === 0) {
    throw new SeedRefusedError('--audit needs at least one user');
  }
  const started = performance.now();
  const now = target.now ?? new Date();
  const client = new pg.Client({ connectionString: url, application_name: 'grantkeeper-seed' });
  await client.connect();
  try {
    await refuseSeeded(client);
    const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
    const step = (what: string, done: number, total: number) =>
      log(
        `  ${what} ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} (${elapsed()})`,
      );
    await client.query('BEGIN');
    for (let from = 1; from <= counts.users; from += USER_BATCH) {
      const to = Math.min(counts.users, from + USER_BATCH - 1);
      await insertUsers(client, from, to, counts.users, now, SPAN_DAYS);
      step('users', to, counts.users);
    }
    const adminId = await idOfSub(client, seededSub(1));
    const cipher = new EnvelopeCipher(target.keyring);
    let envelopes = 0;
    for (let from = 1; from <= counts.grants; from += GRANT_BATCH) {
      const to = Math.min(counts.grants, from + GRANT_BATCH - 1);
      envelopes += await insertGrants(client, cipher, subRange(from, to), {
        clientId: target.clientId,
        adminId: adminId ?? '',
        now,
      });
      step('grants', to, counts.grants);
    }
    const tasks = await insertTasks(client, target.clientId, now);
    log(
      `  tasks ${tasks.tasks.toLocaleString('en-US')}, runs ${tasks.runs.toLocaleString('en-US')}`,
    );
    if (counts.audit > 0 && (await lifecycleEventCount(client, target.clientId)) > counts.audit) {
      throw new SeedRefusedError("--audit is too small for the grants' lifecycle events; raise it");
    }
    await insertAuditEvents(
      client,
      {
        start: new Date(now.getTime() - SPAN_DAYS * 86_400_000),
        spanDays: SPAN_DAYS,
        total: counts.audit,
        clientId: target.clientId,
      },
      (done) => step('audit events', done, counts.audit),
    );
    log(`  committing (${elapsed()})`);
    await client.query('COMMIT');
    // What autovacuum would do over time: statistics for the planner, and the visibility map
    // that lets index-only scans (the vault's counts per key version) skip the heap.
    await client.query(
      'VACUUM (ANALYZE) users, grants, vault_envelopes, audit_events, user_tasks, task_runs',
    );
    log(`  vacuumed and analysed (${elapsed()})`);
    const size = await client.query<{ bytes: string }>(
      'SELECT pg_database_size(current_database())::text AS bytes',
    );
    return {
      ...counts,
      envelopes,
      userTasks: tasks.tasks,
      taskRuns: tasks.runs,
      seconds: (performance.now() - started) / 1000,
      databaseBytes: Number(size.rows[0].bytes),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function refuseSeeded(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM users WHERE google_sub >= '${SEEDED_SUB_FROM}'`,
  );
  const seeded = Number(rows[0].n);
  if (seeded > 0) {
    throw new SeedRefusedError(
      `The database already holds ${seeded.toLocaleString('en-US')} seeded users ` +
        `(google_sub 9…); seeding again would mix two data sets. Nothing was written. Seed an ` +
        "empty database (for `npm start`'s: stop it, delete .data/postgres, start it again).",
    );
  }
}

async function idOfSub(client: pg.Client, sub: string): Promise<string | undefined> {
  const { rows } = await client.query<{ id: string }>(
    'SELECT id FROM users WHERE google_sub = $1',
    [sub],
  );
  return rows[0]?.id;
}
