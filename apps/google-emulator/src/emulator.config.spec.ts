import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CLIENT,
  EmulatorConfigError,
  emulatorConfig,
  loadEmulatorConfig,
} from './emulator.config.js';

const clientsJson = JSON.stringify([
  {
    client_id: 'other.apps.googleusercontent.com',
    client_secret: 'shh',
    javascript_origins: ['http://localhost:5173'],
    redirect_uris: ['http://localhost:5173/callback'],
  },
]);

function configError(env: NodeJS.ProcessEnv): EmulatorConfigError {
  try {
    loadEmulatorConfig(env);
  } catch (error) {
    if (error instanceof EmulatorConfigError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadEmulatorConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    expect(loadEmulatorConfig({})).toEqual({
      port: 4400,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:4400',
      clients: [DEFAULT_CLIENT],
      certsMaxAgeSeconds: 300,
      idTokenLifetimeSeconds: 3600,
      accessTokenLifetimeSeconds: 3600,
      codeLifetimeSeconds: 600,
    });
  });

  it('derives the public URL from the port and reads every variable', () => {
    const config = loadEmulatorConfig({
      EMULATOR_PORT: '4500',
      EMULATOR_HOST: '0.0.0.0',
      EMULATOR_CLIENTS: clientsJson,
      EMULATOR_CERTS_MAX_AGE: '60',
      EMULATOR_ID_TOKEN_LIFETIME: '120',
      EMULATOR_ACCESS_TOKEN_LIFETIME: '30',
      EMULATOR_CODE_LIFETIME: '5',
      EMULATOR_RISC_RECEIVER_URL: 'http://localhost:3000/risc/events',
      EMULATOR_STATE_DIR: '/srv/dev/.data/google-emulator',
    });
    expect(config).toMatchObject({
      port: 4500,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:4500',
      riscReceiverUrl: 'http://localhost:3000/risc/events',
      stateDir: '/srv/dev/.data/google-emulator',
    });
    expect(config.clients).toEqual([
      {
        clientId: 'other.apps.googleusercontent.com',
        clientSecret: 'shh',
        javascriptOrigins: ['http://localhost:5173'],
        redirectUris: ['http://localhost:5173/callback'],
      },
    ]);
    expect([
      config.certsMaxAgeSeconds,
      config.idTokenLifetimeSeconds,
      config.accessTokenLifetimeSeconds,
      config.codeLifetimeSeconds,
    ]).toEqual([60, 120, 30, 5]);
  });

  it('leaves the public URL to the listening port when the port is 0', () => {
    expect(loadEmulatorConfig({ EMULATOR_PORT: '0' }).publicUrl).toBeUndefined();
  });

  it('refuses to run when NODE_ENV is production', () => {
    const error = configError({ NODE_ENV: 'production' });
    expect(error.variable).toBe('NODE_ENV');
    expect(error.message).toMatch(/must never run in production/);
  });

  it.each([
    [{ EMULATOR_PORT: 'eighty' }, 'EMULATOR_PORT'],
    [{ EMULATOR_PORT: '70000' }, 'EMULATOR_PORT'],
    [{ EMULATOR_PUBLIC_URL: 'http://localhost:4400/path' }, 'EMULATOR_PUBLIC_URL'],
    [{ EMULATOR_CERTS_MAX_AGE: '-1' }, 'EMULATOR_CERTS_MAX_AGE'],
    [{ EMULATOR_ID_TOKEN_LIFETIME: '0' }, 'EMULATOR_ID_TOKEN_LIFETIME'],
    [{ EMULATOR_CLIENTS: '[{' }, 'EMULATOR_CLIENTS'],
    [{ EMULATOR_CLIENTS: '[]' }, 'EMULATOR_CLIENTS'],
    [{ EMULATOR_CLIENTS: '[{"client_id":"x"}]' }, 'EMULATOR_CLIENTS'],
  ])('names the offending variable for %j', (env, variable) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
    expect(error.message).not.toMatch(/NaN/);
  });

  it('refuses a JavaScript origin with a path, as Google Cloud Console does', () => {
    const clients = JSON.parse(clientsJson) as { javascript_origins: string[] }[];
    clients[0].javascript_origins = ['http://localhost:5173/app'];
    const error = configError({ EMULATOR_CLIENTS: JSON.stringify(clients) });
    expect(error.message).toMatch(/^EMULATOR_CLIENTS: 0\.javascript_origins\.0 must be an origin/);
  });
});

describe('emulatorConfig', () => {
  it('fills in defaults for embedding and tests', () => {
    expect(emulatorConfig({ certsMaxAgeSeconds: 5 })).toMatchObject({
      port: 0,
      clients: [DEFAULT_CLIENT],
      certsMaxAgeSeconds: 5,
    });
  });
});
