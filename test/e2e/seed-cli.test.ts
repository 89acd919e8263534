// The compiled seed refuses a production environment before it touches anything.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('npm run seed in production', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('refuses with NODE_ENV=production and writes nothing', async () => {
    const child = spawn(
      process.execPath,
      ['dist/apps/seed/src/main.js', '--grants', '10', '--audit', '100'],
      {
        env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: db.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(1);
    expect(output.trim()).toBe(
      'npm run seed writes synthetic users, grants and audit events for development and ' +
        'benchmarks; it refuses to run with NODE_ENV=production. Nothing was written.',
    );
    const [{ users }] = await db.query<{ users: number }>(
      'SELECT count(*)::int AS users FROM users',
    );
    expect(users).toBe(0);
  });
});
