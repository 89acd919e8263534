import { readFileSync } from 'node:fs';

/** What the example service needs to run, from its environment. */
export interface ExampleServiceConfig {
  readonly port: number;
  readonly host: string;
  /** Grantkeeper's public URL (`GRANTKEEPER_URL`). */
  readonly grantkeeperUrl: string;
  /** Its API key: `GRANTKEEPER_API_KEY`, or read from the file `GRANTKEEPER_API_KEY_FILE`. */
  readonly apiKey: string;
  /** Base URL of the Gmail API (`GMAIL_BASE_URL`): https://gmail.googleapis.com, or the emulator. */
  readonly gmailBaseUrl: string;
  /** The purpose id the digest's tokens are asked for, from this service's catalogue. */
  readonly purpose: string;
  readonly logLevel: string;
  /**
   * This service's own public URL (`EXAMPLE_SERVICE_PUBLIC_URL`), registered as the client's
   * return origin: consent links then bring the user back to their page here. Optional.
   */
  readonly publicUrl?: string;
}

export const DEFAULT_EXAMPLE_SERVICE_PORT = 4500;
export const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
/** The agenda in a digest needs the user's calendar, a scope users do not grant at sign-in. */
export const CALENDAR_READONLY = 'https://www.googleapis.com/auth/calendar.readonly';
export const DIGEST_PURPOSE = 'weekly-digest';

/** Thrown for a missing or unusable variable; the message names it, never its value. */
export class ExampleServiceConfigError extends Error {
  override readonly name = 'ExampleServiceConfigError';
}

export function exampleServiceConfig(env: NodeJS.ProcessEnv = process.env): ExampleServiceConfig {
  const port = Number(env.EXAMPLE_SERVICE_PORT ?? DEFAULT_EXAMPLE_SERVICE_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ExampleServiceConfigError('EXAMPLE_SERVICE_PORT must be a port number');
  }
  return {
    port,
    host: env.EXAMPLE_SERVICE_HOST ?? '127.0.0.1',
    grantkeeperUrl: url(env, 'GRANTKEEPER_URL'),
    apiKey: apiKeyOf(env),
    gmailBaseUrl: url(env, 'GMAIL_BASE_URL', 'https://gmail.googleapis.com'),
    purpose: env.DIGEST_PURPOSE ?? DIGEST_PURPOSE,
    logLevel: env.LOG_LEVEL ?? 'info',
    ...(env.EXAMPLE_SERVICE_PUBLIC_URL
      ? { publicUrl: url(env, 'EXAMPLE_SERVICE_PUBLIC_URL') }
      : {}),
  };
}

function url(env: NodeJS.ProcessEnv, name: string, fallback?: string): string {
  const value = env[name] ?? fallback;
  if (!value) throw new ExampleServiceConfigError(`${name} is required`);
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new ExampleServiceConfigError(`${name} must be an http(s) URL`);
  }
  return value.replace(/\/+$/, '');
}

function apiKeyOf(env: NodeJS.ProcessEnv): string {
  const file = env.GRANTKEEPER_API_KEY_FILE;
  let key = env.GRANTKEEPER_API_KEY;
  if (!key && file) {
    try {
      key = readFileSync(file, 'utf8').trim();
    } catch {
      throw new ExampleServiceConfigError(`GRANTKEEPER_API_KEY_FILE (${file}) cannot be read`);
    }
  }
  if (!key) {
    throw new ExampleServiceConfigError(
      'GRANTKEEPER_API_KEY or GRANTKEEPER_API_KEY_FILE is required',
    );
  }
  if (!key.startsWith('gk_')) {
    throw new ExampleServiceConfigError('the Grantkeeper API key must start with gk_');
  }
  return key;
}
