import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REDACTED } from './call-log.js';
import { type RunningEmulator, startEmulator } from './emulator.app.js';
import { emulatorConfig } from './emulator.config.js';
import { FaultInjector } from './faults.js';

describe(FaultInjector.name, () => {
  it('matches method and exact path or prefix, first added first, and counts uses', () => {
    const faults = new FaultInjector();
    faults.add({ path: '/token', method: 'POST', status: 500, times: 2 });
    faults.add({ path: '/gmail/v1/*', status: 429, times: 0 });
    expect(faults.take('GET', '/token')).toBeUndefined();
    expect(faults.take('POST', '/token/x')).toBeUndefined();
    expect(faults.take('POST', '/token')?.status).toBe(500);
    expect(faults.list()[0]).toMatchObject({ path: '/token', remaining: 1 });
    expect(faults.take('POST', '/token')?.status).toBe(500);
    expect(faults.take('POST', '/token')).toBeUndefined();
    for (let i = 0; i < 3; i += 1) expect(faults.take('GET', '/gmail/v1/users')?.status).toBe(429);
    expect(faults.list()).toEqual([expect.objectContaining({ times: 0, remaining: null })]);
  });
});

describe('installFaultHooks', () => {
  let emulator: RunningEmulator;
  const control = (url: string, method: 'POST' | 'DELETE', payload?: object) =>
    emulator.app.inject({ method, url: `/__control/${url}`, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    emulator = await startEmulator(emulatorConfig());
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await control('reset', 'POST');
  });

  it('answers the next matching requests with the injected status and body, then recovers', async () => {
    const added = await control('faults', 'POST', {
      path: '/oauth2/v3/certs',
      status: 503,
      body: '<html>busy</html>',
      content_type: 'text/html',
      headers: { 'retry-after': '7' },
      times: 2,
    });
    expect(added.statusCode).toBe(201);
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${emulator.url}/oauth2/v3/certs`);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(await response.text()).toBe('<html>busy</html>');
    }
    expect((await fetch(`${emulator.url}/oauth2/v3/certs`)).status).toBe(200);
  });

  it('gives a Google-style JSON error when no body is given, and covers unknown paths', async () => {
    await control('faults', 'POST', { path: '/token', method: 'post', status: 429 });
    const response = await emulator.app.inject({ method: 'POST', url: '/token' });
    expect(response.statusCode).toBe(429);
    expect(response.json()).toEqual({
      error: 'too_many_requests',
      error_description: 'HTTP 429 injected by the Google emulator',
    });
  });

  it('delays the real answer by delay_ms', async () => {
    await control('faults', 'POST', { path: '/oauth2/v3/certs', delay_ms: 300 });
    const started = performance.now();
    const response = await fetch(`${emulator.url}/oauth2/v3/certs`);
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('never answers with hang, until the client gives up; later requests are served', async () => {
    await control('faults', 'POST', { path: '/oauth2/v1/certs', hang: true });
    const started = performance.now();
    const hung = fetch(`${emulator.url}/oauth2/v1/certs`, { signal: AbortSignal.timeout(400) });
    await expect(hung).rejects.toThrow(/aborted|timeout/i);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    expect((await fetch(`${emulator.url}/oauth2/v1/certs`)).status).toBe(200);
    const calls = (
      await emulator.app.inject({ url: '/__control/calls?path=/oauth2/v1/certs' })
    ).json<{
      calls: { status: number | null }[];
    }>().calls;
    expect(calls.map((call) => call.status)).toEqual([null, 200]);
  });

  it('stops after DELETE /__control/faults', async () => {
    await control('faults', 'POST', { path: '/oauth2/v3/certs', status: 500, times: 0 });
    expect((await fetch(`${emulator.url}/oauth2/v3/certs`)).status).toBe(500);
    expect((await control('faults', 'DELETE')).statusCode).toBe(204);
    expect((await fetch(`${emulator.url}/oauth2/v3/certs`)).status).toBe(200);
  });

  it('refuses a fault that neither fails, delays nor hangs, or that hangs with a status', async () => {
    const useless = await control('faults', 'POST', { path: '/token' });
    expect(useless.statusCode).toBe(400);
    expect(useless.json()).toMatchObject({ error: 'invalid_request' });
    expect(
      (await control('faults', 'POST', { path: '/token', hang: true, status: 500 })).statusCode,
    ).toBe(400);
    expect((await control('faults', 'POST', { path: 'token', status: 500 })).statusCode).toBe(400);
  });

  it('logs every non-control request with status, redacting credentials, filterable by path', async () => {
    await fetch(`${emulator.url}/oauth2/v3/certs?x=1`);
    await fetch(`${emulator.url}/tokeninfo?id_token=secret-token&alt=json`);
    const { calls } = (await emulator.app.inject({ url: '/__control/calls' })).json<{
      calls: unknown[];
    }>();
    expect(calls).toEqual([
      {
        at: expect.any(String) as unknown,
        method: 'GET',
        path: '/oauth2/v3/certs',
        query: { x: '1' },
        status: 200,
      },
      {
        at: expect.any(String) as unknown,
        method: 'GET',
        path: '/tokeninfo',
        query: { id_token: REDACTED, alt: 'json' },
        status: 400,
      },
    ]);
    expect(JSON.stringify(calls)).not.toContain('secret-token');
    const filtered = (await emulator.app.inject({ url: '/__control/calls?path=/tokeninfo' })).json<{
      calls: unknown[];
    }>();
    expect(filtered.calls).toHaveLength(1);
    expect((await control('calls', 'DELETE')).statusCode).toBe(204);
    expect((await emulator.app.inject({ url: '/__control/calls' })).json()).toEqual({ calls: [] });
  });
});
