import type { KeyObject } from 'node:crypto';
import { GoogleSigningKeys, IdTokenError } from '@grantkeeper/identity';
import { invalid, RiscError } from './risc.errors.js';

/** Options of {@link RiscSigningKeys}. */
export interface RiscSigningKeysOptions {
  /** Google's RISC configuration document (its `jwks_uri` names the keys). */
  readonly configurationUrl: string;
  /** When set, used as is and the configuration document is never read. */
  readonly jwksUrl?: string;
  /** The issuer the configuration document must name. */
  readonly issuer: string;
  readonly timeoutMs: number;
  readonly refetchCooldownMs: number;
  readonly fetch?: typeof fetch;
}

/** How long the `jwks_uri` read from the configuration document is trusted before re-reading. */
const CONFIGURATION_TTL_MS = 3_600_000;

/**
 * The keys that sign Google's security event tokens. As Google's guide says, the key set's URL
 * comes from the RISC configuration document
 * (https://developers.google.com/identity/protocols/risc#validate); today it names the same
 * JWKS as ID tokens. Fetching, caching (`Cache-Control`), kid checks and the refetch cooldown are
 * {@link GoogleSigningKeys}'s, one instance per JWKS URL, separate from the sign-in verifier's.
 */
export class RiscSigningKeys {
  private keys: { url: string; keys: GoogleSigningKeys; until: number } | undefined;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: RiscSigningKeysOptions) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /**
   * The public key named by a token's `kid`.
   *
   * @throws RiscError `invalid_security_event` (unknown or ill-formed kid) or
   *   `certificates_unavailable` (configuration or keys could not be fetched).
   */
  async getKey(kid: unknown): Promise<KeyObject> {
    const keys = await this.keySet();
    try {
      return await keys.getKey(kid);
    } catch (error) {
      if (!(error instanceof IdTokenError)) throw error;
      if (error.code === 'certificates_unavailable') {
        throw new RiscError('certificates_unavailable', error.message, { cause: error });
      }
      throw invalid(error.code === 'unknown_kid' ? 'unknown signing key' : 'ill-formed key id');
    }
  }

  private async keySet(): Promise<GoogleSigningKeys> {
    const now = Date.now();
    if (this.keys && now < this.keys.until) return this.keys.keys;
    const url = this.options.jwksUrl ?? (await this.discoverJwksUrl());
    if (this.keys?.url !== url) {
      this.keys = {
        url,
        until: 0,
        keys: new GoogleSigningKeys({
          jwksUrl: url,
          timeoutMs: this.options.timeoutMs,
          refetchCooldownMs: this.options.refetchCooldownMs,
          fetch: this.fetchFn,
        }),
      };
    }
    this.keys.until = this.options.jwksUrl ? Number.POSITIVE_INFINITY : now + CONFIGURATION_TTL_MS;
    return this.keys.keys;
  }

  private async discoverJwksUrl(): Promise<string> {
    let document: unknown;
    try {
      const response = await this.fetchFn(this.options.configurationUrl, {
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`HTTP ${response.status}`);
      }
      document = JSON.parse(await response.text());
    } catch (error) {
      throw unavailable("Google's RISC configuration could not be fetched.", error);
    }
    const { issuer, jwks_uri: jwksUri } = (document ?? {}) as Record<string, unknown>;
    if (issuer !== this.options.issuer || typeof jwksUri !== 'string' || !isHttpUrl(jwksUri)) {
      throw unavailable("Google's RISC configuration names another issuer or no jwks_uri.");
    }
    return jwksUri;
  }
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

function unavailable(message: string, cause?: unknown): RiscError {
  return new RiscError('certificates_unavailable', message, { cause });
}
