import { rmSync } from 'node:fs';
import { buildDataSourceOptions, EmbeddedDatabase, freePort } from '@grantkeeper/database';
import { JobQueue, QUEUES } from '@grantkeeper/scheduler';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';
import {
  authorizationCode,
  postCode,
  resetEmulator,
  SESSION_COOKIE,
  signInAs,
  XHR,
} from '../support/offline-access-client.js';
import { eventually } from '../support/eventually.js';

// PostgreSQL restarted under a running api (its own server here, on a fixed port): the pools of
// TypeORM and pg-boss reconnect, nothing queued is lost, and no api restart is needed.
const CLUSTER = `.data/test-postgres-restart-${process.pid}`;

describe('PostgreSQL restarted under a running api', () => {
  let server: EmbeddedDatabase;
  let api: ApiUnderTest;

  beforeAll(async () => {
    server = new EmbeddedDatabase({
      clusterDir: CLUSTER,
      database: 'restart',
      port: await freePort(),
    });
    const url = await server.start();
    const dataSource = new DataSource(buildDataSourceOptions({ url, entities: [], migrations }));
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
    api = await startApiUnderTest({
      DATABASE_URL: url,
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_POLLING_SECONDS: '0.5',
      KEEP_ALIVE_CRON: '0 0 1 1 *',
      TASK_SWEEP_CRON: '0 0 1 1 *',
      PURGE_CRON: '0 0 1 1 *',
    });
  });
  afterAll(async () => {
    await api?.close();
    await server?.stop();
    for (const path of [CLUSTER, `${CLUSTER}.json`]) rmSync(path, { recursive: true, force: true });
  });

  it('answers 503 on /health while it is down, then serves and runs work queued before it once', async () => {
    await resetEmulator(api);
    const session = await signInAs(api, ALICE_SUB);
    expect((await postCode(api, session, await authorizationCode(api))).status).toBe(200);
    const digest = await request(`${api.url}/offline-access/tasks/news-digest`, {
      method: 'PUT',
      json: { enabled: true, settings: { categories: ['science'] } },
      headers: XHR,
      cookies: { [SESSION_COOKIE]: session },
    });
    expect(digest.status).toBe(200);
    await request(`${api.emulatorUrl}/__control/gmail/messages`, { method: 'DELETE' });
    const db = api.app.get(DataSource);
    const [{ id: userTaskId }] = await db.query<Array<{ id: string }>>('SELECT id FROM user_tasks');
    // The digest's job, queued before the restart and due 5 s from now: still waiting when
    // PostgreSQL goes down.
    const jobId = await api.app
      .get(JobQueue)
      .send(QUEUES.offlineTask, { userTaskId }, { singletonKey: userTaskId, startAfter: 5 });
    expect(jobId).not.toBeNull();
    const job = () =>
      db.query<Array<{ state: string; retry_count: number }>>(
        'SELECT state, retry_count FROM pgboss.job WHERE id = $1',
        [jobId],
      );
    expect(await job()).toEqual([{ state: 'created', retry_count: 0 }]);

    await server.stop();
    await eventually(
      () => request(`${api.url}/health`).then((r) => r.status),
      (status) => status === 503,
    );
    await server.start();
    await eventually(
      () => request(`${api.url}/health`).then((r) => r.status),
      (status) => status === 200,
    );

    // The session and the grant survived; the job queued before runs, without an api restart.
    const status = await request(`${api.url}/offline-access`, {
      cookies: { [SESSION_COOKIE]: session },
    });
    expect(status.body).toMatchObject({ status: 'active' });
    const messages = async () =>
      (await request<{ messages: unknown[] }>(`${api.emulatorUrl}/__control/gmail/messages`)).body
        .messages;
    await eventually(messages, (list) => list.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await messages()).toHaveLength(1);
    expect(await job()).toEqual([{ state: 'completed', retry_count: 0 }]);
    expect(await db.query('SELECT outcome, attempt FROM task_runs')).toEqual([
      { outcome: 'succeeded', attempt: 0 },
    ]);
  });
});
