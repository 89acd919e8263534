import { isIP } from 'node:net';
import { validateCronExpression } from 'cron';
import { z } from 'zod';
import { parseVaultKeys } from './vault-keys.js';

/** Google's production endpoints; every one of them can be overridden (the emulator, a proxy). */
export const GOOGLE_PRODUCTION_URLS = {
  auth: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
  revoke: 'https://oauth2.googleapis.com/revoke',
  tokeninfo: 'https://oauth2.googleapis.com/tokeninfo',
  userinfo: 'https://openidconnect.googleapis.com/v1/userinfo',
  jwks: 'https://www.googleapis.com/oauth2/v3/certs',
  pemCerts: 'https://www.googleapis.com/oauth2/v1/certs',
  gsiClient: 'https://accounts.google.com/gsi/client',
  gmail: 'https://gmail.googleapis.com',
} as const;

/**
 * Cross-Account Protection (RISC): Google's configuration document names the issuer and the
 * signing keys of security event tokens (https://developers.google.com/identity/protocols/risc).
 * The issuer keeps its trailing slash; ID tokens use `https://accounts.google.com` without it.
 */
export const GOOGLE_RISC_CONFIGURATION_URL =
  'https://accounts.google.com/.well-known/risc-configuration';
export const GOOGLE_RISC_ISSUER = 'https://accounts.google.com/';
export const GOOGLE_EMULATOR_RISC_CONFIGURATION_PATH = '/.well-known/risc-configuration';

/** The same endpoints on the emulator: paths mirror Google's, only the origin differs. */
export const GOOGLE_EMULATOR_PATHS: Record<keyof typeof GOOGLE_PRODUCTION_URLS, string> = {
  auth: '/o/oauth2/v2/auth',
  token: '/token',
  revoke: '/revoke',
  tokeninfo: '/tokeninfo',
  userinfo: '/oauth2/v3/userinfo',
  jwks: '/oauth2/v3/certs',
  pemCerts: '/oauth2/v1/certs',
  gsiClient: '/gsi/client',
  gmail: '',
};

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
const url = z.url({ protocol: /^https?$/ });
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/**
 * Whose `X-Forwarded-*` headers count: `false` (nobody, the default), proxy addresses or CIDR
 * ranges (`10.0.0.5,10.1.0.0/16`, what Fastify's `trustProxy` accepts), or `true` (everybody:
 * any client then picks its own address; refused in production, load-config.ts).
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, context): boolean | string[] => {
    if (['', 'false', '0'].includes(value)) return false;
    if (['true', '1'].includes(value)) return true;
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const wrong = entries.filter((entry) => !isAddressOrRange(entry));
    if (wrong.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `must be false, true, or proxy addresses / CIDR ranges (not: ${wrong.join(', ')})`,
      });
      return z.NEVER;
    }
    return entries;
  });
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
// Five fields (minute precision) or six (with seconds, for tests), as the `cron` package reads.
// Checked by the `cron` library that runs it, so `99 * * * *` fails here, naming the variable,
// rather than when the scheduler starts.
const cron = z
  .string()
  .trim()
  .regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron expression of five or six fields')
  .superRefine((value, context) => {
    const { valid, error } = validateCronExpression(value);
    if (!valid) context.addIssue({ code: 'custom', message: error?.message ?? 'invalid cron' });
  });

/**
 * Every environment variable the api reads. Defaults are the development ones; production
 * requirements are enforced after parsing (see load-config.ts) so the error names the variable.
 */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65535).default(3000),
  PUBLIC_URL: url.optional(),
  TRUST_PROXY: trustProxy.default(false),
  DATA_DIR: z.string().min(1).default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: int(1, 200).default(10),

  GOOGLE_CLIENT_IDS: list.pipe(z.array(z.string().min(1)).min(1)).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  GOOGLE_HOSTED_DOMAIN: z.string().min(1).optional(),
  GOOGLE_ALLOW_SERVICE_ACCOUNTS: bool.default(false),
  GOOGLE_HTTP_TIMEOUT_MS: int(100, 60_000).default(5000),
  GOOGLE_CERTS_MIN_REFRESH_SECONDS: int(0, 3600).default(30),
  GOOGLE_EMULATOR_URL: url.optional(),
  GOOGLE_AUTH_URL: url.optional(),
  GOOGLE_TOKEN_URL: url.optional(),
  GOOGLE_REVOKE_URL: url.optional(),
  GOOGLE_TOKENINFO_URL: url.optional(),
  GOOGLE_USERINFO_URL: url.optional(),
  GOOGLE_JWKS_URL: url.optional(),
  GOOGLE_PEM_CERTS_URL: url.optional(),
  GOOGLE_GSI_CLIENT_URL: url.optional(),
  GOOGLE_GMAIL_URL: url.optional(),
  GOOGLE_RISC_CONFIGURATION_URL: url.optional(),
  GOOGLE_RISC_JWKS_URL: url.optional(),
  GOOGLE_RISC_ISSUER: z.string().min(1).default(GOOGLE_RISC_ISSUER),

  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL_HOURS: int(1, 24 * 90).default(24 * 14),
  ADMIN_EMAILS: list.default([]),
  SIGN_IN_RATE_LIMIT_PER_MINUTE: int(1, 100_000).default(30),

  VAULT_KEYS: z
    .string()
    .transform((text, context) => {
      try {
        return parseVaultKeys(text);
      } catch (error) {
        // The parser's messages name entries by position or version, never by their key text.
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  VAULT_ACTIVE_KEY_VERSION: int(1, 2 ** 31 - 1).optional(),

  OFFLINE_ACCESS: z.enum(['optional', 'required']).default('optional'),
  OFFLINE_ACCESS_SCOPES: z
    .string()
    .default('https://www.googleapis.com/auth/gmail.send')
    .transform((value) => value.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https$/ })).min(1)),
  OFFLINE_ACCESS_RATE_LIMIT_PER_MINUTE: int(1, 100_000).default(30),
  SERVICE_API_RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(600),
  SERVICE_API_RATE_LIMIT_PER_USER_PER_MINUTE: int(1, 1_000_000).default(60),
  GRANT_PROOF_WINDOW_SECONDS: int(0, 86_400).default(600),

  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SCHEDULER_ENABLED: bool.default(true),
  SCHEDULER_CONCURRENCY: int(1, 100).default(4),
  SCHEDULER_JOB_TIMEOUT_SECONDS: int(1, 86_400).default(300),
  SCHEDULER_RETRY_DELAY_SECONDS: int(1, 3600).default(30),
  SCHEDULER_POLLING_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  KEEP_ALIVE_CRON: cron.default('17 3 * * *'),
  KEEP_ALIVE_AFTER_DAYS: int(1, 170).default(30),
  KEEP_ALIVE_GROUP_SIZE: int(1, 100).default(20),
  TASK_SWEEP_CRON: cron.default('* * * * *'),
  NEWS_DIGEST_CRON: cron.default('0 7 * * *'),
  PURGE_CRON: cron.default('43 4 * * *'),
  AUDIT_RETENTION_DAYS: int(1, 36_500).default(400),
  GOOGLE_APP_PUBLISHING_STATUS: z.enum(['testing', 'production']).default('production'),
  GOOGLE_TESTING_REFRESH_TOKEN_DAYS: int(1, 365).default(7),
});

export type Environment = z.infer<typeof environmentSchema>;

function isAddressOrRange(entry: string): boolean {
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
  return bits >= 0 && bits <= (family === 4 ? 32 : 128);
}
