import { z } from 'zod';

/** One OAuth client as registered in Google Cloud Console ("Credentials" → "OAuth client ID"). */
export interface EmulatorClient {
  clientId: string;
  clientSecret: string;
  /** "Authorized JavaScript origins": exact origins, no path, no trailing slash. */
  javascriptOrigins: string[];
  /** "Authorized redirect URIs": exact URIs (also where GIS redirect mode may form-post). */
  redirectUris: string[];
  /**
   * The Google Cloud project the client belongs to; clients without one share the default
   * project, as a product's web, Android and iOS clients usually do. Revoking a token ends the
   * user's grants to every client of its project.
   */
  projectId?: string;
}

export interface EmulatorConfig {
  port: number;
  host: string;
  /**
   * Origin that pages and libraries use to reach the emulator. When absent it is
   * `http://localhost:<listening port>`, so tests may listen on port 0.
   */
  publicUrl?: string;
  clients: EmulatorClient[];
  certsMaxAgeSeconds: number;
  idTokenLifetimeSeconds: number;
  /** Lifetime of access tokens from /token (Google: 3599-3600 s). */
  accessTokenLifetimeSeconds: number;
  /** How long an authorization code may be exchanged (Google: about 10 minutes). */
  codeLifetimeSeconds: number;
  /** Where `/__control/risc/deliver` posts security events when the request names no receiver. */
  riscReceiverUrl?: string;
  /**
   * Directory where keys, grants, tokens and sent messages are saved and found again at the next
   * start (state-store.ts); in memory only when absent (tests).
   */
  stateDir?: string;
}

/** A configuration the emulator refuses to start with; the message names the variable. */
export class EmulatorConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'EmulatorConfigError';
  }
}

export const DEFAULT_CLIENT: EmulatorClient = {
  clientId: 'grantkeeper-dev.apps.googleusercontent.com',
  clientSecret: 'dev-client-secret',
  javascriptOrigins: ['http://localhost:3000'],
  redirectUris: [
    'http://localhost:3000/auth/google/callback',
    'http://localhost:3000/auth/google/id-token',
  ],
};

const originSchema = z
  .url({ protocol: /^https?$/ })
  .refine((value) => new URL(value).origin === value, {
    message: 'must be an origin (scheme://host[:port], no path or trailing slash)',
  });

const clientsSchema = z
  .array(
    z.strictObject({
      client_id: z.string().min(1),
      client_secret: z.string().min(1),
      javascript_origins: z.array(originSchema),
      redirect_uris: z.array(z.url({ protocol: /^https?$/ })),
    }),
  )
  .min(1);

const seconds = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a whole number of seconds' })
    .int({ message: 'must be a whole number of seconds' })
    .positive({ message: 'must be a positive number of seconds' })
    .default(fallback);

const envSchema = z.object({
  EMULATOR_PORT: z.coerce
    .number({ message: 'must be a port number (0-65535)' })
    .int({ message: 'must be a port number (0-65535)' })
    .min(0, { message: 'must be a port number (0-65535)' })
    .max(65_535, { message: 'must be a port number (0-65535)' })
    .default(4400),
  EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  EMULATOR_PUBLIC_URL: originSchema.optional(),
  EMULATOR_CLIENTS: z.string().optional(),
  EMULATOR_CERTS_MAX_AGE: seconds(300),
  EMULATOR_ID_TOKEN_LIFETIME: seconds(3600),
  EMULATOR_ACCESS_TOKEN_LIFETIME: seconds(3600),
  EMULATOR_CODE_LIFETIME: seconds(600),
  EMULATOR_RISC_RECEIVER_URL: z.url({ protocol: /^https?$/ }).optional(),
  EMULATOR_STATE_DIR: z.string().min(1).optional(),
});

/**
 * Validates the environment once, at start-up. Throws {@link EmulatorConfigError} naming the
 * offending variable; refuses NODE_ENV=production because the emulator mints tokens for anyone.
 */
export function loadEmulatorConfig(env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  if (env.NODE_ENV === 'production') {
    throw new EmulatorConfigError(
      'NODE_ENV',
      'the Google emulator must never run in production (it signs ID tokens for anyone)',
    );
  }
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EmulatorConfigError(String(issue?.path[0] ?? 'environment'), issue?.message ?? '');
  }
  const vars = parsed.data;
  return {
    port: vars.EMULATOR_PORT,
    host: vars.EMULATOR_HOST,
    publicUrl:
      vars.EMULATOR_PUBLIC_URL ??
      (vars.EMULATOR_PORT === 0 ? undefined : `http://localhost:${vars.EMULATOR_PORT}`),
    clients:
      vars.EMULATOR_CLIENTS === undefined ? [DEFAULT_CLIENT] : parseClients(vars.EMULATOR_CLIENTS),
    certsMaxAgeSeconds: vars.EMULATOR_CERTS_MAX_AGE,
    idTokenLifetimeSeconds: vars.EMULATOR_ID_TOKEN_LIFETIME,
    accessTokenLifetimeSeconds: vars.EMULATOR_ACCESS_TOKEN_LIFETIME,
    codeLifetimeSeconds: vars.EMULATOR_CODE_LIFETIME,
    riscReceiverUrl: vars.EMULATOR_RISC_RECEIVER_URL,
    stateDir: vars.EMULATOR_STATE_DIR,
  };
}

function parseClients(raw: string): EmulatorClient[] {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new EmulatorConfigError('EMULATOR_CLIENTS', 'is not valid JSON');
  }
  const parsed = clientsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new EmulatorConfigError('EMULATOR_CLIENTS', `${where} ${issue?.message ?? ''}`.trim());
  }
  return parsed.data.map((client) => ({
    clientId: client.client_id,
    clientSecret: client.client_secret,
    javascriptOrigins: client.javascript_origins,
    redirectUris: client.redirect_uris,
  }));
}

/** A complete configuration for tests and embedding: defaults plus the given fields. */
export function emulatorConfig(overrides: Partial<EmulatorConfig> = {}): EmulatorConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    clients: [DEFAULT_CLIENT],
    certsMaxAgeSeconds: 300,
    idTokenLifetimeSeconds: 3600,
    accessTokenLifetimeSeconds: 3600,
    codeLifetimeSeconds: 600,
    ...overrides,
  };
}
