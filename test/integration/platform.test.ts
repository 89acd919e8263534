import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';

describe('Platform', () => {
  let api: ApiUnderTest;

  beforeAll(async () => {
    api = await startApiUnderTest();
  });
  afterAll(async () => {
    await api.close();
  });

  it('reports health with a database check', async () => {
    const response = await request(`${api.url}/health`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves pages with a CSP that allows our scripts and GIS only', async () => {
    const response = await request(`${api.url}/`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain(`script-src 'self' ${api.emulatorUrl}`);
    expect(csp).toContain(`frame-src ${api.emulatorUrl}`);
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
    expect(response.text).toContain(`${api.emulatorUrl}/gsi/client`);
  });

  it('gives JSON API responses the REST set of security headers, not the page set', async () => {
    const response = await request(`${api.url}/api/v1/me`);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cross-origin-opener-policy')).toBeNull();
  });

  it('gives every response a request id and keeps a well-formed incoming one', async () => {
    const fresh = await request(`${api.url}/health`);
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(`${api.url}/health`, { headers: { 'x-request-id': 'edge-1234' } });
    expect(kept.headers.get('x-request-id')).toBe('edge-1234');
    const hostile = await request(`${api.url}/health`, {
      headers: { 'x-request-id': 'not an id; DROP' },
    });
    expect(hostile.headers.get('x-request-id')).not.toBe('not an id; DROP');
  });

  it('publishes the OpenAPI document of what exists', async () => {
    const response = await request<{ paths: Record<string, unknown> }>(
      `${api.url}/api/docs/openapi.json`,
    );
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/auth/google/id-token', '/auth/sign-out', '/api/v1/me']),
    );
  });

  it('answers unknown paths with a 404 in the error shape', async () => {
    const response = await request(`${api.url}/nope`);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'not_found' });
  });

  it('keeps the audit log append-only', async () => {
    await api.db.query(
      `INSERT INTO audit_events (actor_kind, action) VALUES ('system', 'test.event')`,
    );
    await expect(api.db.query(`UPDATE audit_events SET action = 'changed'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(api.db.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    const rows = await api.db.query(`SELECT action FROM audit_events WHERE action = 'test.event'`);
    expect(rows).toHaveLength(1);
  });

  it('reports 503 when the database is gone', async () => {
    await api.db.takeOffline();
    const response = await request(`${api.url}/health`);
    expect(response.status).toBe(503);
  });
});
