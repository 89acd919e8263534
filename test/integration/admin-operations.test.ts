import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { adminCall, signInAdmin } from '../support/admin-client.js';

interface Jobs {
  queues: Array<{ name: string; available: boolean; queued: number }>;
  tasks: Record<string, number>;
  recentRuns: unknown[];
}

describe('Admin API: jobs and vault', () => {
  let api: ApiUnderTest;
  let admin: string;

  beforeAll(async () => {
    api = await startApiUnderTest({ SCHEDULER_ENABLED: 'true', SCHEDULER_POLLING_SECONDS: '1' });
    admin = await signInAdmin(api);
  });
  afterAll(() => api.close());

  it('shows counts for every queue, tasks by state and recent runs', async () => {
    const response = await adminCall<Jobs>(api, admin, 'jobs');
    expect(response.status).toBe(200);
    expect(response.body.queues.map((q) => q.name)).toEqual([
      'keep-alive-sweep',
      'grant-keep-alive',
      'task-sweep',
      'offline-task',
      'purge',
      'vault-rewrap',
      'dead-letter',
    ]);
    expect(response.body.queues.every((q) => q.available)).toBe(true);
    expect(response.body.recentRuns).toEqual(expect.any(Array) as unknown[]);
  });

  it("shows the vault's key versions without any key material", async () => {
    const response = await adminCall(api, admin, 'vault');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ activeVersion: 1 });
    expect(response.body.versions).toEqual([
      { version: 1, envelopes: expect.any(Number) as number, configured: true },
    ]);
    // Counts are taken at most every few seconds per instance, and say when.
    expect(Object.keys(response.body).sort()).toEqual(['activeVersion', 'countedAt', 'versions']);
    expect(Date.parse(response.body.countedAt as string)).toBeLessThanOrEqual(Date.now());
  });
});
