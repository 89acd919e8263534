import { Injectable } from '@nestjs/common';
import { ConfigService } from '@grantkeeper/config';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import type { ServiceClient } from './service-client.js';
import { invalidClient } from './oauth-token.errors.js';

/** RFC 7523 §2.2: the `client_assertion_type` of a JWT client assertion. */
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Asymmetric only (RFC 8725 §3.1): `none` and the HMAC family never verify here. */
export const ASSERTION_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
/** An assertion may be valid for at most this long from now (the 5 minutes). */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300;
/** Tolerated clock skew between the service and us, on `exp`, `nbf` and `iat`. */
const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_JTI_LENGTH = 200;
/** A remote key set is fetched again on an unknown `kid` at most this often (rotation). */
const REMOTE_COOLDOWN_MS = 5_000;
/** And at the latest after this long, whatever the `kid`s. */
const REMOTE_MAX_AGE_MS = 10 * 60_000;
const REMOTE_TIMEOUT_MS = 3_000;
const REMOTE_LIMIT = 1_000;

/** What a verified assertion tells: its id, until when it lives, and which key signed it. */
export interface VerifiedAssertion {
  readonly jti: string;
  readonly expiresAt: Date;
  readonly kid: string | null;
}

/**
 * Verifies `private_key_jwt` client assertions (RFC 7523 §3, OpenID Connect Core §9) against the
 * client's registered keys: signed by one of them with an asymmetric algorithm, `iss` and `sub`
 * the client's id, `aud` this token endpoint (or our issuer), `exp` present and at most five
 * minutes ahead, `nbf` and `iat` not in the future, and a `jti` (its single use is the token
 * store's). Every refusal is 401 `invalid_client`, naming the check but never the assertion.
 */
@Injectable()
export class ClientAssertionVerifier {
  /**
   * The audiences accepted: the token endpoint's URL, as RFC 7523 §3 and OIDC Core §9 say, and
   * our issuer identifier (`PUBLIC_URL`), which draft-ietf-oauth-rfc7523bis makes the one value
   * to use: a client that follows the newer rule works too, and both name only us.
   */
  private readonly audiences: string[];
  private readonly remote = new Map<string, { uri: string; keys: JWTVerifyGetKey }>();

  constructor(config: ConfigService) {
    const issuer = config.get('publicUrl');
    this.audiences = [`${issuer}/api/v1/oauth/token`, issuer];
  }

  async verify(client: ServiceClient, assertion: string): Promise<VerifiedAssertion> {
    const keys = this.keysOf(client);
    if (!keys) throw invalidClient('The client has no registered keys for private_key_jwt.');
    const { payload, protectedHeader } = await jwtVerify(assertion, keys, {
      algorithms: ASSERTION_ALGORITHMS,
      issuer: client.id,
      subject: client.id,
      audience: this.audiences,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'jti'],
    }).catch((error: unknown) => {
      throw invalidClient(refusalOf(error), error);
    });
    const now = Math.floor(Date.now() / 1000);
    const exp = payload.exp as number;
    if (exp - now > MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) {
      throw invalidClient('The assertion’s exp is more than 5 minutes ahead.');
    }
    if (payload.iat !== undefined && payload.iat > now + CLOCK_TOLERANCE_SECONDS) {
      throw invalidClient('The assertion’s iat is in the future.');
    }
    const jti = payload.jti as string;
    if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_JTI_LENGTH) {
      throw invalidClient(`The assertion’s jti must be 1 to ${MAX_JTI_LENGTH} characters.`);
    }
    return {
      jti,
      expiresAt: new Date((exp + CLOCK_TOLERANCE_SECONDS) * 1000),
      kid: protectedHeader.kid ?? null,
    };
  }

  private keysOf(client: ServiceClient): JWTVerifyGetKey | undefined {
    if (client.jwks) return createLocalJWKSet(client.jwks as unknown as JSONWebKeySet);
    if (!client.jwksUri) return undefined;
    // One remote set per client and URL, kept: jose caches the keys in it and fetches again
    // on an unknown kid (after the cooldown), which is how a service rotates its keys.
    const known = this.remote.get(client.id);
    if (known?.uri === client.jwksUri) return known.keys;
    if (this.remote.size >= REMOTE_LIMIT) this.remote.clear();
    const keys = createRemoteJWKSet(new URL(client.jwksUri), {
      cooldownDuration: REMOTE_COOLDOWN_MS,
      cacheMaxAge: REMOTE_MAX_AGE_MS,
      timeoutDuration: REMOTE_TIMEOUT_MS,
    });
    this.remote.set(client.id, { uri: client.jwksUri, keys });
    return keys;
  }
}

/** Which check failed, in words a service's developer can act on. */
function refusalOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The assertion has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `The assertion’s ${error.claim} claim is refused (${error.reason}).`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return `Sign the assertion with one of ${ASSERTION_ALGORITHMS.join(', ')}.`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return 'No registered key matches the assertion’s kid and alg.';
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return 'Several registered keys match: name the key in the assertion’s kid.';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return 'The assertion’s signature does not verify.';
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return 'The client’s JWK set could not be fetched or read.';
  }
  if (error instanceof errors.JOSEError) return 'The assertion is not a usable signed JWT.';
  return 'The client’s JWK set could not be fetched or read.';
}
