import { randomUUID } from 'node:crypto';
import { AuditModule, AuditSearchService, AuditService } from '@grantkeeper/audit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModuleUnderTest, startModules } from '../support/module-under-test.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// The audit module's services on their own: what every other module writes through, called
// directly rather than reached through an HTTP route that happens to audit.
describe(AuditService.name, () => {
  let db: TestDatabase;
  let modules: ModuleUnderTest;
  let audit: AuditService;
  let search: AuditSearchService;

  beforeAll(async () => {
    db = await createTestDatabase();
    modules = await startModules([AuditModule], { databaseUrl: db.url });
    audit = modules.get(AuditService);
    search = modules.get(AuditSearchService);
  });

  afterAll(async () => {
    await modules?.close();
    await db?.drop();
  });

  const newUser = async (): Promise<string> => {
    const [{ id }] = await db.query<{ id: string }>(
      `INSERT INTO users (google_sub, email) VALUES ($1, $2) RETURNING id`,
      [`sub-${randomUUID()}`, `${randomUUID()}@example.com`],
    );
    return id;
  };

  it('lists a user’s newest events first, up to the limit, and no one else’s', async () => {
    const [alice, bob] = [await newUser(), await newUser()];
    for (const action of ['one', 'two', 'three']) {
      await audit.record({ action, actor: { kind: 'user', id: alice }, subjectUserId: alice });
    }
    await audit.record({ action: 'other', actor: { kind: 'user', id: bob }, subjectUserId: bob });

    const recent = await search.forUser(alice, 2);
    expect(recent.map((event) => event.action)).toEqual(['three', 'two']);
    expect(recent.every((event) => event.subjectUserId === alice)).toBe(true);
  });

  it('writes inside the caller’s transaction: a rolled-back change leaves no event', async () => {
    const user = await newUser();
    await expect(
      modules.dataSource.transaction(async (manager) => {
        await audit.record(
          { action: 'grant.revoked', actor: { kind: 'system' }, subjectUserId: user },
          manager,
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await search.forUser(user)).toEqual([]);
  });

  it('redacts secrets that slip into details and cuts over-long request fields', async () => {
    const user = await newUser();
    await audit.record({
      action: 'grant.created',
      actor: { kind: 'user', id: user },
      subjectUserId: user,
      context: { requestId: 'r'.repeat(300), userAgent: 'u'.repeat(900) },
      details: { refresh_token: '1//0gSecretRefreshToken', reason: 'consented' },
    });
    const [row] = await db.query<{
      details: Record<string, unknown>;
      request_id: string;
      user_agent: string;
    }>('SELECT details, request_id, user_agent FROM audit_events WHERE subject_user_id = $1', [
      user,
    ]);
    expect(JSON.stringify(row.details)).not.toContain('1//0gSecretRefreshToken');
    expect(row.details.reason).toBe('consented');
    expect(row.request_id).toHaveLength(100);
    expect(row.user_agent).toHaveLength(500);
  });

  it('is append-only: the table refuses updates and deletes outside retention', async () => {
    const user = await newUser();
    await audit.record({ action: 'kept', actor: { kind: 'system' }, subjectUserId: user });
    await expect(
      db.query(`UPDATE audit_events SET action = 'rewritten' WHERE subject_user_id = $1`, [user]),
    ).rejects.toThrow();
    await expect(
      db.query('DELETE FROM audit_events WHERE subject_user_id = $1', [user]),
    ).rejects.toThrow();
    expect((await search.forUser(user)).map((event) => event.action)).toEqual(['kept']);
  });

  it('purges only what is older than the retention cut-off', async () => {
    const user = await newUser();
    await audit.record({ action: 'recent', actor: { kind: 'system' }, subjectUserId: user });
    const purged = await audit.purgeOlderThan(new Date(Date.now() - 60_000));
    expect(purged).toBe(0);
    expect((await search.forUser(user)).map((event) => event.action)).toEqual(['recent']);
    expect(await audit.purgeOlderThan(new Date(Date.now() + 60_000), 2)).toBeGreaterThanOrEqual(1);
    expect(await search.forUser(user)).toEqual([]);
  });

  it('pages the log newest (or oldest) first by filter, each anonymous event with the user of its request', async () => {
    const user = await newUser();
    const grantId = randomUUID();
    const context = { requestId: `req-${randomUUID()}` };
    await audit.record({ action: 'code.exchanged', actor: { kind: 'anonymous' }, context });
    await audit.record({
      action: 'grant.created',
      actor: { kind: 'user', id: user },
      subjectUserId: user,
      grantId,
      context,
    });
    for (const action of ['a', 'b', 'c']) {
      await audit.record({ action, actor: { kind: 'system' }, subjectUserId: user, grantId });
    }
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await search.search({ userId: user, limit: 2, cursor });
      pages.push(page.items.map((event) => event.action));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([
      ['c', 'b'],
      ['a', 'grant.created'],
    ]);
    const oldestFirst: string[][] = [];
    do {
      const page = await search.search({ userId: user, order: 'asc', limit: 3, cursor });
      oldestFirst.push(page.items.map((event) => event.action));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(oldestFirst).toEqual([['grant.created', 'a', 'b'], ['c']]);

    const [anonymous] = (await search.search({ actorKind: 'anonymous', limit: 50 })).items.filter(
      (event) => event.requestId === context.requestId,
    );
    expect(anonymous.requestUserId).toBe(user);
    expect((await search.forGrant(grantId)).map((event) => event.action)).toEqual([
      'c',
      'b',
      'a',
      'grant.created',
    ]);
  });

  it('exports every matching event as formula-safe CSV, across its internal pages', async () => {
    const user = await newUser();
    const events = Array.from({ length: 1_100 }, (_, n) => ({
      action: n === 0 ? '=HYPERLINK("x")' : `bulk.${n}`,
      actor: { kind: 'system' as const },
      subjectUserId: user,
    }));
    await audit.recordMany(events);
    let csv = '';
    for await (const line of search.csv({ userId: user })) csv += line;
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,occurred_at,actor_kind,/);
    expect(lines).toHaveLength(1 + 1_100);
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0])).size).toBe(1_100);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
