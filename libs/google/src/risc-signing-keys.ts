import type { KeyObject } from 'node:crypto';
import { isSuccess, parseJsonObject } from './google-answer.js';
import { GoogleHttpClient } from './google-http.client.js';
import { GoogleSigningKeys } from './google-signing-keys.js';
import { SigningKeyError } from './google.errors.js';

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
  /** The shared client (the module's); one of its own otherwise. */
  readonly http?: GoogleHttpClient;
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
  private readonly http: GoogleHttpClient;

  constructor(private readonly options: RiscSigningKeysOptions) {
    this.http = options.http ?? new GoogleHttpClient({ timeoutMs: options.timeoutMs });
  }

  /**
   * The public key named by a token's `kid`.
   *
   * @throws SigningKeyError `unknown_kid`, `malformed` (ill-formed kid) or
   *   `certificates_unavailable` (configuration or keys could not be fetched).
   */
  async getKey(kid: unknown): Promise<KeyObject> {
    return (await this.keySet()).getKey(kid);
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
          http: this.http,
        }),
      };
    }
    this.keys.until = this.options.jwksUrl ? Number.POSITIVE_INFINITY : now + CONFIGURATION_TTL_MS;
    return this.keys.keys;
  }

  private async discoverJwksUrl(): Promise<string> {
    let document: Record<string, unknown> | undefined;
    try {
      const answer = await this.http.send({
        method: 'GET',
        url: this.options.configurationUrl,
        headers: { accept: 'application/json' },
        timeoutMs: this.options.timeoutMs,
      });
      if (!isSuccess(answer)) throw new Error(`HTTP ${answer.status}`);
      document = parseJsonObject(answer.body);
      if (document === undefined) throw new Error('not a JSON document');
    } catch (error) {
      throw unavailable("Google's RISC configuration could not be fetched.", error);
    }
    const { issuer, jwks_uri: jwksUri } = document ?? {};
    if (issuer !== this.options.issuer || typeof jwksUri !== 'string' || !isHttpUrl(jwksUri)) {
      throw unavailable("Google's RISC configuration names another issuer or no jwks_uri.");
    }
    return jwksUri;
  }
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

function unavailable(message: string, cause?: unknown): SigningKeyError {
  return new SigningKeyError('certificates_unavailable', message, { cause });
}
