import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SentMessage } from './gmail-mailbox.js';
import type { OAuthGrantsSnapshot } from './oauth-grants.js';
import type { SigningKeysSnapshot } from './signing-keys.js';

/** What the emulator keeps across restarts when it has a state directory. */
export interface EmulatorSnapshot {
  version: 1;
  keys: SigningKeysSnapshot;
  grants: OAuthGrantsSnapshot;
  gmail: readonly SentMessage[];
}

export const STATE_FILE = 'google-emulator-state.json';
/** Saves are coalesced: one write at most this often, however many requests change the state. */
const SAVE_DELAY_MS = 50;

const keySchema = z.object({
  kid: z.string(),
  privateKeyPem: z.string(),
  certificatePem: z.string(),
});
const grantSchema = z.object({
  sub: z.string(),
  clientId: z.string(),
  scopes: z.array(z.string()),
  refreshTokens: z.array(z.string()),
  refreshTokenLimit: z.number(),
});
const tokenSchema = z.looseObject({ token: z.string(), sub: z.string(), clientId: z.string() });
const snapshotSchema = z.object({
  version: z.literal(1),
  keys: z.object({ currentKid: z.string(), published: z.array(keySchema).min(1) }),
  grants: z.object({
    grants: z.array(grantSchema),
    codes: z.array(z.looseObject({ code: z.string(), sub: z.string(), clientId: z.string() })),
    usedCodes: z.array(z.string()),
    accessTokens: z.array(tokenSchema),
    refreshTokens: z.array(tokenSchema),
  }),
  gmail: z.array(z.looseObject({ id: z.string(), sub: z.string() })),
});

/**
 * The emulator's state in one JSON file, so that `npm start` can restart it without killing the
 * grants the api stored: Google does not forget a refresh token because a server restarted. Only
 * with a state directory (`EMULATOR_STATE_DIR`; `npm start` passes one under `.data/`); tests
 * and embedded emulators keep their state in memory. The file holds private keys and live
 * tokens of test accounts, so it is written with mode 0600, and atomically (write, then rename),
 * so a crash mid-write leaves the previous state. The users' Google sessions need no saving:
 * they live in the browser's cookie, as Google's do.
 */
export class EmulatorStateStore {
  private readonly file: string;
  private timer: NodeJS.Timeout | undefined;
  private snapshotOf: (() => EmulatorSnapshot) | undefined;

  constructor(readonly directory: string) {
    this.file = join(directory, STATE_FILE);
  }

  /** The saved state; undefined when there is none. A file that does not parse is an error. */
  load(): EmulatorSnapshot | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const parsed = snapshotSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new Error(`${this.file} is not a saved emulator state: ${parsed.error.message}`);
    }
    return parsed.data as unknown as EmulatorSnapshot;
  }

  /** Where snapshots come from; {@link changed} saves one soon after. */
  attach(snapshotOf: () => EmulatorSnapshot): void {
    this.snapshotOf = snapshotOf;
  }

  /** Something may have changed: save soon (coalesced). */
  changed(): void {
    if (this.timer !== undefined || this.snapshotOf === undefined) return;
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
    this.timer.unref();
  }

  /** Saves now (on close, or when a coalesced save is due). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.snapshotOf === undefined) return;
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.snapshotOf()), { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
