import {
  GoogleIdTokenVerifier,
  type GoogleIdTokenVerifierOptions,
} from '../google-id-token.verifier.js';
import { GoogleSigningKeys, type GoogleSigningKeysOptions } from '@grantkeeper/google';
import { IdTokenError } from '../id-token.errors.js';
import { VerifiedTokenCache } from '../verified-token.cache.js';
import {
  googleClaims,
  signIdToken,
  TEST_CLIENT_ID,
  type FakeGoogleCerts,
  type SigningKey,
} from './fake-google-certs.js';

// Test support: one verifier wired to a FakeGoogleCerts server and a hand-driven clock.

/** Noon, 15 January 2026, in epoch milliseconds: the fixture clock's start. */
export const START_MS = Date.UTC(2026, 0, 15, 12);

export interface VerifierFixtureOptions {
  readonly verifier?: Partial<GoogleIdTokenVerifierOptions>;
  readonly keys?: Partial<GoogleSigningKeysOptions>;
  readonly maxEntries?: number;
}

/** A verifier, its keys and cache on one clock, plus a signer of tokens issued "now". */
export class VerifierFixture {
  readonly clock = { now: START_MS };
  readonly keys: GoogleSigningKeys;
  readonly cache: VerifiedTokenCache;
  readonly verifier: GoogleIdTokenVerifier;

  constructor(certs: FakeGoogleCerts, options: VerifierFixtureOptions = {}) {
    const now = (): number => this.clock.now;
    this.keys = new GoogleSigningKeys({ jwksUrl: certs.jwksUrl, now, ...options.keys });
    this.cache = new VerifiedTokenCache({ maxEntries: options.maxEntries, now });
    this.verifier = new GoogleIdTokenVerifier(
      { audiences: [TEST_CLIENT_ID], now, ...options.verifier },
      this.keys,
      this.cache,
    );
  }

  /** A token issued now, signed by `key`, with claim overrides and extra header entries. */
  token(
    key: SigningKey,
    claims: Record<string, unknown> = {},
    header: Record<string, unknown> = {},
  ): string {
    return signIdToken(googleClaims(this.clock.now, claims), key, header);
  }
}

/** The IdTokenError a promise rejects with; throws if it resolves or rejects with anything else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<IdTokenError> {
  const outcome = await promise.then(
    () => new Error('expected the token to be refused'),
    (error: unknown) => error,
  );
  if (outcome instanceof IdTokenError) return outcome;
  throw outcome;
}

/**
 * The pieces of `token` (whole, segments, decoded header and payload texts) found in the error's
 * message, stack or cause: an error must never echo a bearer token, even in part.
 */
export function tokenLeaks(error: IdTokenError, token: string): string[] {
  const segments = token.split('.').filter((part) => part.length >= 8);
  const decoded = segments.map((part) => Buffer.from(part, 'base64url').toString('latin1'));
  const cause = error.cause instanceof Error ? `${error.cause.message} ${error.cause.stack}` : '';
  const texts = [error.message, error.stack ?? '', cause];
  return [token, ...segments, ...decoded]
    .filter((piece) => piece.length >= 8)
    .filter((piece) => texts.some((text) => text.includes(piece)));
}
