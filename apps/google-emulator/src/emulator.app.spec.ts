import { afterEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, buildEmulator, startEmulator } from './emulator.app.js';
import { emulatorConfig } from './emulator.config.js';
import { DEFAULT_TEST_USER } from './test-users.js';

describe('buildEmulator', () => {
  it('answers unknown paths with 404 JSON for APIs and an HTML page for browsers', async () => {
    const app = await buildEmulator(emulatorConfig());
    const api = await app.inject({ url: '/oauth2/v9/nothing?x=1' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({
      error: 'not_found',
      error_description: 'GET /oauth2/v9/nothing is not an emulated Google endpoint',
    });
    const page = await app.inject({ url: '/nothing', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('That’s an error.');
    await app.close();
  });

  it('serves test users’ profile pictures as SVG', async () => {
    const app = await buildEmulator(emulatorConfig());
    const picture = await app.inject({ url: `/avatars/${DEFAULT_TEST_USER.sub}.svg` });
    expect(picture.statusCode).toBe(200);
    expect(picture.headers['content-type']).toBe('image/svg+xml');
    expect(picture.body).toContain('>A</text>');
    expect((await app.inject({ url: '/avatars/123.svg' })).statusCode).toBe(404);
    await app.close();
  });
});

describe('startEmulator', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it('listens on a free port and derives its URL and token pictures from it', async () => {
    emulator = await startEmulator(emulatorConfig());
    expect(emulator.url).toMatch(/^http:\/\/localhost:\d+$/);
    const discovery = (await (
      await fetch(`${emulator.url}/.well-known/openid-configuration`)
    ).json()) as {
      jwks_uri: string;
    };
    expect(discovery.jwks_uri).toBe(`${emulator.url}/oauth2/v3/certs`);
  });

  it('uses the configured public URL', async () => {
    emulator = await startEmulator(emulatorConfig({ publicUrl: 'https://google.test/' }));
    expect(emulator.url).toBe('https://google.test');
  });

  it('closes promptly even while a hang fault holds a request open', async () => {
    emulator = await startEmulator(emulatorConfig());
    await emulator.app.inject({
      method: 'POST',
      url: '/__control/faults',
      payload: { path: '/token', hang: true },
    });
    const hung = fetch(`${emulator.url}/token`, { method: 'POST' });
    const running = emulator;
    const arrived = async () =>
      (await running.app.inject({ url: '/__control/calls?path=/token' })).json<{
        calls: unknown[];
      }>().calls.length;
    await expect.poll(arrived).toBe(1);
    const started = performance.now();
    await emulator.close();
    emulator = undefined;
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(hung).rejects.toThrow();
  });
});
