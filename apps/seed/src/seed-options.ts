/** What `npm run seed` was asked for. */
export interface SeedOptions {
  readonly grants: number;
  readonly audit: number;
  /** At least `grants`: one grant per user (and OAuth client). */
  readonly users: number;
  /** Absent: the development database of `npm start` (embedded, under the data folder). */
  readonly databaseUrl?: string;
}

export const SEED_USAGE =
  'usage: npm run seed -- --grants N --audit N [--users N] [--database-url postgres://…]';

const LIMIT = 100_000_000;

/** Parses `--name value` and `--name=value`; throws with a message that says what is wrong. */
export function parseSeedOptions(args: readonly string[]): SeedOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const match = /^--(grants|audit|users|database-url)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument ${JSON.stringify(arg)}`);
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new Error(`--${match[1]} needs a value`);
    values.set(match[1], value);
  }
  const count = (name: string, fallback?: number): number => {
    const text = values.get(name);
    if (text === undefined) {
      if (fallback === undefined) throw new Error(`--${name} is required`);
      return fallback;
    }
    const n = Number(text.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < 0 || n > LIMIT) {
      throw new Error(`--${name}: a whole number from 0 to ${LIMIT}`);
    }
    return n;
  };
  const grants = count('grants');
  const audit = count('audit');
  const users = count('users', grants);
  if (users < grants) throw new Error('--users must be at least --grants (one grant per user)');
  const databaseUrl = values.get('database-url');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('--database-url: a postgres:// URL');
  }
  return { grants, audit, users, ...(databaseUrl ? { databaseUrl } : {}) };
}
