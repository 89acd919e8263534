import { join } from 'node:path';
import type { AppConfig, GoogleUrls } from './app-config.js';
import { ConfigError } from './config.errors.js';
import {
  type Environment,
  environmentSchema,
  GOOGLE_EMULATOR_PATHS,
  GOOGLE_EMULATOR_RISC_CONFIGURATION_PATH,
  GOOGLE_PRODUCTION_URLS,
  GOOGLE_RISC_CONFIGURATION_URL,
} from './config.schema.js';
import { DEVELOPMENT_SECRETS_FILE, loadDevelopmentSecrets } from './development-secrets.js';
import {
  DEVELOPMENT_VAULT_KEYRING_FILE,
  loadDevelopmentVaultKeys,
} from './development-vault-keyring.js';
import { parseVaultKeys } from './vault-keys.js';

export const DEVELOPMENT_CLIENT_ID = 'grantkeeper-dev.apps.googleusercontent.com';
export const DEFAULT_EMULATOR_URL = 'http://localhost:4400';

export interface LoadedConfig {
  readonly config: AppConfig;
  /** Things an operator must see at start-up (development secrets in use, and so on). */
  readonly warnings: readonly string[];
}

/**
 * Validates the environment once. In production every secret and the database must be given;
 * elsewhere the Google emulator and generated development secrets fill the gaps, with a warning.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production') assertProductionReady(env);

  const warnings: string[] = [];
  if (env.NODE_ENV === 'production' && env.ADMIN_EMAILS.length === 0) {
    warnings.push('ADMIN_EMAILS is empty: nobody can open the dashboard (/admin).');
  }
  const usesEmulator = env.GOOGLE_EMULATOR_URL !== undefined || !env.GOOGLE_CLIENT_IDS;
  const emulatorUrl = env.GOOGLE_EMULATOR_URL ?? DEFAULT_EMULATOR_URL;
  const clientIds = env.GOOGLE_CLIENT_IDS ?? [DEVELOPMENT_CLIENT_ID];
  let sessionSecret = env.SESSION_SECRET;
  let clientSecret = env.GOOGLE_CLIENT_SECRET;
  if (!sessionSecret || !clientSecret) {
    const generated = loadDevelopmentSecrets(env.DATA_DIR);
    sessionSecret ??= generated.sessionSecret;
    clientSecret ??= generated.googleClientSecret;
    warnings.push(
      `Using development secrets from ${join(env.DATA_DIR, DEVELOPMENT_SECRETS_FILE)}. ` +
        'Never use them in production: set SESSION_SECRET and GOOGLE_CLIENT_SECRET.',
    );
  }
  if (usesEmulator) {
    warnings.push(`Google endpoints point at the local emulator (${emulatorUrl}).`);
  }
  const vault = vaultConfig(env, warnings);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');

  return {
    warnings,
    config: {
      env: env.NODE_ENV,
      host: env.HOST,
      port: env.PORT,
      publicUrl,
      trustProxy: env.TRUST_PROXY,
      dataDir: env.DATA_DIR,
      logLevel: env.LOG_LEVEL,
      database: { url: env.DATABASE_URL ?? '', poolSize: env.DATABASE_POOL_SIZE },
      google: {
        clientIds,
        webClientId: clientIds[0],
        clientSecret,
        hostedDomain: env.GOOGLE_HOSTED_DOMAIN,
        allowServiceAccounts: env.GOOGLE_ALLOW_SERVICE_ACCOUNTS,
        httpTimeoutMs: env.GOOGLE_HTTP_TIMEOUT_MS,
        certsMinRefreshMs: env.GOOGLE_CERTS_MIN_REFRESH_SECONDS * 1000,
        urls: googleUrls(env, usesEmulator ? emulatorUrl : undefined),
        usesEmulator,
        risc: riscConfig(env, usesEmulator ? emulatorUrl : undefined),
      },
      session: {
        secret: sessionSecret,
        ttlHours: env.SESSION_TTL_HOURS,
        cookieName: env.NODE_ENV === 'development' ? 'gk_session' : '__Host-gk_session',
        secureCookie: env.NODE_ENV !== 'development',
      },
      adminEmails: env.ADMIN_EMAILS.map((email) => email.toLowerCase()),
      rateLimit: {
        signInPerMinute: env.SIGN_IN_RATE_LIMIT_PER_MINUTE,
        offlineAccessPerMinute: env.OFFLINE_ACCESS_RATE_LIMIT_PER_MINUTE,
        servicePerMinute: env.SERVICE_API_RATE_LIMIT_PER_MINUTE,
        servicePerUserPerMinute: env.SERVICE_API_RATE_LIMIT_PER_USER_PER_MINUTE,
      },
      offlineAccess: {
        mode: env.OFFLINE_ACCESS,
        scopes: env.OFFLINE_ACCESS_SCOPES,
        redirectUri: `${publicUrl}/auth/google/callback`,
        proofWindowSeconds: env.GRANT_PROOF_WINDOW_SECONDS,
      },
      vault,
      metricsToken: env.METRICS_TOKEN,
      scheduler: {
        enabled: env.SCHEDULER_ENABLED,
        concurrency: env.SCHEDULER_CONCURRENCY,
        jobTimeoutSeconds: env.SCHEDULER_JOB_TIMEOUT_SECONDS,
        retryDelaySeconds: env.SCHEDULER_RETRY_DELAY_SECONDS,
        pollingSeconds: env.SCHEDULER_POLLING_SECONDS,
        keepAliveCron: env.KEEP_ALIVE_CRON,
        keepAliveAfterDays: env.KEEP_ALIVE_AFTER_DAYS,
        keepAliveGroupSize: env.KEEP_ALIVE_GROUP_SIZE,
        taskSweepCron: env.TASK_SWEEP_CRON,
        newsDigestCron: env.NEWS_DIGEST_CRON,
        purgeCron: env.PURGE_CRON,
        auditRetentionDays: env.AUDIT_RETENTION_DAYS,
      },
      googleApp: {
        publishingStatus: env.GOOGLE_APP_PUBLISHING_STATUS,
        testingRefreshTokenDays: env.GOOGLE_TESTING_REFRESH_TOKEN_DAYS,
      },
    },
  };
}

function assertProductionReady(env: Environment): void {
  const required = {
    DATABASE_URL: env.DATABASE_URL,
    GOOGLE_CLIENT_IDS: env.GOOGLE_CLIENT_IDS,
    GOOGLE_CLIENT_SECRET: env.GOOGLE_CLIENT_SECRET,
    SESSION_SECRET: env.SESSION_SECRET,
    PUBLIC_URL: env.PUBLIC_URL,
    VAULT_KEYS: env.VAULT_KEYS,
  };
  const problems = Object.entries(required)
    .filter(([, value]) => value === undefined)
    .map(([name]) => `${name}: required when NODE_ENV=production`);
  if (env.METRICS_TOKEN === undefined) {
    // /metrics shares the api's port; without a token anyone reaching the api could read it.
    problems.push('METRICS_TOKEN: required when NODE_ENV=production (/metrics asks for it)');
  }
  if (env.PUBLIC_URL && !isSecureOrigin(env.PUBLIC_URL)) {
    problems.push(
      'PUBLIC_URL: must be https:// in production (session cookies are Secure); ' +
        'http:// is accepted for localhost only',
    );
  }
  if (env.TRUST_PROXY === true) {
    problems.push(
      'TRUST_PROXY: true lets any client set X-Forwarded-For (its rate-limit bucket, its audited ' +
        'IP); list the addresses or CIDR ranges of the proxies in front instead',
    );
  }
  if (env.GOOGLE_EMULATOR_URL) {
    problems.push('GOOGLE_EMULATOR_URL: the Google emulator is for development and tests only');
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

/** https://, or http:// on the machine itself (browsers treat localhost as a secure context). */
function isSecureOrigin(publicUrl: string): boolean {
  const { protocol, hostname } = new URL(publicUrl);
  return protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}

/** The keyring from `VAULT_KEYS`, or (outside production) the generated development one. */
function vaultConfig(
  env: Pick<Environment, 'VAULT_KEYS' | 'VAULT_ACTIVE_KEY_VERSION' | 'DATA_DIR'>,
  warnings: string[],
): AppConfig['vault'] {
  const developmentKeyring = env.VAULT_KEYS === undefined;
  const keys = env.VAULT_KEYS ?? parseVaultKeys(loadDevelopmentVaultKeys(env.DATA_DIR));
  if (developmentKeyring) {
    warnings.push(
      `Using the development vault keyring from ${join(env.DATA_DIR, DEVELOPMENT_VAULT_KEYRING_FILE)}. ` +
        'Anyone with that file can read the stored refresh tokens: set VAULT_KEYS in production.',
    );
  }
  const versions = keys.map((key) => key.version);
  const activeVersion = env.VAULT_ACTIVE_KEY_VERSION ?? Math.max(...versions);
  if (!versions.includes(activeVersion)) {
    throw new ConfigError([
      `VAULT_ACTIVE_KEY_VERSION: version ${activeVersion} is not in VAULT_KEYS (configured: ${versions.join(', ')})`,
    ]);
  }
  return { keys, activeVersion, developmentKeyring };
}

function riscConfig(
  env: Environment,
  emulatorUrl: string | undefined,
): AppConfig['google']['risc'] {
  const configurationUrl =
    env.GOOGLE_RISC_CONFIGURATION_URL ??
    (emulatorUrl
      ? `${emulatorUrl.replace(/\/+$/, '')}${GOOGLE_EMULATOR_RISC_CONFIGURATION_PATH}`
      : GOOGLE_RISC_CONFIGURATION_URL);
  return { configurationUrl, jwksUrl: env.GOOGLE_RISC_JWKS_URL, issuer: env.GOOGLE_RISC_ISSUER };
}

function googleUrls(env: Environment, emulatorUrl: string | undefined): GoogleUrls {
  const base = (key: keyof GoogleUrls): string =>
    emulatorUrl
      ? `${emulatorUrl.replace(/\/+$/, '')}${GOOGLE_EMULATOR_PATHS[key]}`
      : GOOGLE_PRODUCTION_URLS[key];
  return {
    auth: env.GOOGLE_AUTH_URL ?? base('auth'),
    token: env.GOOGLE_TOKEN_URL ?? base('token'),
    revoke: env.GOOGLE_REVOKE_URL ?? base('revoke'),
    tokeninfo: env.GOOGLE_TOKENINFO_URL ?? base('tokeninfo'),
    userinfo: env.GOOGLE_USERINFO_URL ?? base('userinfo'),
    jwks: env.GOOGLE_JWKS_URL ?? base('jwks'),
    pemCerts: env.GOOGLE_PEM_CERTS_URL ?? base('pemCerts'),
    gsiClient: env.GOOGLE_GSI_CLIENT_URL ?? base('gsiClient'),
    gmail: env.GOOGLE_GMAIL_URL ?? base('gmail'),
  };
}

/**
 * `DATABASE_URL` alone, checked as the full schema checks it: what a migration needs (no Google
 * client, session secret or vault key), so a production migration step is given the database
 * and nothing else. Throws a ConfigError naming the variable when it is unset or not postgres://.
 */
export function loadDatabaseUrl(source: NodeJS.ProcessEnv = process.env): string {
  const parsed = environmentSchema.shape.DATABASE_URL.safeParse(source.DATABASE_URL);
  if (!parsed.success || !parsed.data) {
    throw new ConfigError([
      'DATABASE_URL: set it to a postgres:// URL (npm run migration:* starts the development ' +
        'database when it is unset outside production)',
    ]);
  }
  return parsed.data;
}

/** What the vault commands (`vault:status`, `vault:rotate`) need: the database and the keyring. */
export interface VaultCommandConfig {
  readonly databaseUrl: string;
  readonly vault: AppConfig['vault'];
  readonly warnings: readonly string[];
}

/**
 * `DATABASE_URL`, `VAULT_KEYS` and `VAULT_ACTIVE_KEY_VERSION` alone (with `NODE_ENV` and
 * `DATA_DIR` for the development keyring), checked as the full schema checks them: a vault
 * command in production is given the database and the keys, not the Google client or the
 * session secret. In production both DATABASE_URL and VAULT_KEYS are required.
 */
export function loadVaultCommandConfig(
  source: NodeJS.ProcessEnv = process.env,
): VaultCommandConfig {
  const parsed = environmentSchema
    .pick({
      NODE_ENV: true,
      DATA_DIR: true,
      DATABASE_URL: true,
      VAULT_KEYS: true,
      VAULT_ACTIVE_KEY_VERSION: true,
    })
    .safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  const problems: string[] = [];
  if (!env.DATABASE_URL) problems.push('DATABASE_URL: set it to a postgres:// URL');
  if (env.NODE_ENV === 'production' && env.VAULT_KEYS === undefined) {
    problems.push('VAULT_KEYS: required when NODE_ENV=production');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const warnings: string[] = [];
  const vault = vaultConfig(env, warnings);
  return { databaseUrl: env.DATABASE_URL ?? '', vault, warnings };
}
