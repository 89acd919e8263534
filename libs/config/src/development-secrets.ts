import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Secrets generated once per checkout so `npm start` works with no configuration. */
export interface DevelopmentSecrets {
  readonly sessionSecret: string;
  readonly googleClientSecret: string;
}

export const DEVELOPMENT_SECRETS_FILE = 'dev-secrets.json';

/**
 * Reads the development secrets under the data folder, creating them (mode 0600) on first use.
 * Never called in production: there a missing secret refuses start-up instead.
 */
export function loadDevelopmentSecrets(dataDir: string): DevelopmentSecrets {
  const file = join(dataDir, DEVELOPMENT_SECRETS_FILE);
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8')) as DevelopmentSecrets;
  }
  const secrets: DevelopmentSecrets = {
    sessionSecret: randomBytes(32).toString('base64url'),
    googleClientSecret: `GOCSPX-dev-${randomBytes(18).toString('base64url')}`,
  };
  mkdirSync(dataDir, { recursive: true });
  // `wx` makes a concurrent second process fail instead of overwriting; it then reads ours.
  try {
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  } catch {
    return JSON.parse(readFileSync(file, 'utf8')) as DevelopmentSecrets;
  }
  return secrets;
}
