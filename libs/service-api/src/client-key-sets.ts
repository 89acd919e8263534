import { createPublicKey } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type PublicJwkSet, SERVICE_API_SCOPES, type ServiceApiScope } from './service-client.js';

/** What registers a client for `private_key_jwt`: its public keys, and what its tokens may do. */
export interface ClientKeySetsInput {
  /** An inline JWK set of public keys; null removes it. Replaces `jwksUri`. */
  readonly jwks?: PublicJwkSet | null;
  /** The URL of the client's JWK set; null removes it. Replaces `jwks`. */
  readonly jwksUri?: string | null;
  readonly jwtApiScopes?: readonly ServiceApiScope[];
}

/** RFC 7517 §6.2.2, §6.3.2, §6.4: members only a private or symmetric key has. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const MAX_KEYS = 10;
const MAX_JWKS_BYTES = 16_384;
const MIN_RSA_BITS = 2048;
/** The curves of the algorithms the token endpoint accepts (ES256, EdDSA). */
const CURVES: Record<string, readonly string[]> = { EC: ['P-256'], OKP: ['Ed25519'] };

/**
 * Why `value` is not a set of public signing keys we accept, or undefined when it is: at most
 * ten RSA (≥ 2048 bits), P-256 or Ed25519 keys with distinct `kid`s (required once there are
 * two), none with a private or symmetric member, each one Node can import.
 */
export function publicJwkSetProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'jwks must be a JWK set: { "keys": [...] }';
  }
  const keys = (value as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_KEYS) {
    return `jwks.keys must be an array of 1 to ${MAX_KEYS} keys`;
  }
  if (JSON.stringify(value).length > MAX_JWKS_BYTES) return 'jwks is over 16 KB';
  const kids = new Set<string>();
  for (const key of keys as unknown[]) {
    const problem = publicJwkProblem(key, keys.length);
    if (problem) return problem;
    const kid = (key as { kid?: string }).kid;
    if (kid !== undefined && kids.has(kid)) return 'each key in jwks needs its own kid';
    if (kid !== undefined) kids.add(kid);
  }
  return undefined;
}

function publicJwkProblem(key: unknown, count: number): string | undefined {
  if (typeof key !== 'object' || key === null || Array.isArray(key)) {
    return 'each key in jwks must be a JWK object';
  }
  const jwk = key as Record<string, unknown>;
  const secret = PRIVATE_MEMBERS.filter((member) => member in jwk);
  if (secret.length > 0) {
    return `jwks must hold public keys only: remove ${secret.join(', ')} (and rotate that key)`;
  }
  if (jwk.kid !== undefined && (typeof jwk.kid !== 'string' || jwk.kid.length > 200)) {
    return 'kid must be a string of at most 200 characters';
  }
  if (count > 1 && jwk.kid === undefined) return 'each key needs a kid when jwks has several';
  if (jwk.use !== undefined && jwk.use !== 'sig') return 'a key’s use must be sig';
  if (jwk.kty !== 'RSA' && !(typeof jwk.kty === 'string' && jwk.kty in CURVES)) {
    return 'each key must be RSA, EC (P-256) or OKP (Ed25519)';
  }
  if (jwk.kty !== 'RSA' && !CURVES[jwk.kty].includes(String(jwk.crv))) {
    return `a ${jwk.kty} key must be on ${CURVES[jwk.kty].join(' or ')}`;
  }
  try {
    const imported = createPublicKey({ key: jwk, format: 'jwk' });
    const bits = imported.asymmetricKeyDetails?.modulusLength;
    if (jwk.kty === 'RSA' && (bits ?? 0) < MIN_RSA_BITS) {
      return `an RSA key must have at least ${MIN_RSA_BITS} bits`;
    }
  } catch {
    return 'a key in jwks is not a usable public key';
  }
  return undefined;
}

/** Why `value` is not a JWK set URL we would fetch, or undefined when it is. */
export function jwksUriProblem(value: unknown, httpsOnly: boolean): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return 'jwksUri must be a URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'jwksUri must be a URL';
  }
  if (url.protocol !== 'https:' && (httpsOnly || url.protocol !== 'http:')) {
    return httpsOnly ? 'jwksUri must be https' : 'jwksUri must be http or https';
  }
  if (url.username || url.password) return 'jwksUri must not carry credentials';
  return undefined;
}

/**
 * Writes the `private_key_jwt` settings of a change (in the caller's transaction), if it has
 * any, and returns the client's row as it now is; undefined when there was nothing to write.
 * A key set given inline replaces a URL and the reverse: one source of keys at a time.
 */
export async function saveClientKeySets<Row>(
  manager: EntityManager,
  clientId: string,
  change: ClientKeySetsInput,
  httpsOnly: boolean,
): Promise<Row | undefined> {
  const { jwks, jwksUri, jwtApiScopes } = change;
  if (jwks && jwksUri) throw badRequest('give either jwks or jwksUri, not both');
  const problem =
    (jwks ? publicJwkSetProblem(jwks) : undefined) ??
    (jwksUri ? jwksUriProblem(jwksUri, httpsOnly) : undefined);
  if (problem) throw badRequest(problem);
  const sets: string[] = [];
  const params: unknown[] = [clientId];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  // One of the two at most: setting either clears the other (each column assigned once, also
  // when the other is sent as null alongside, as the dashboard's form does).
  if (jwks !== undefined || jwksUri) set('jwks', jwks ? JSON.stringify(jwks) : null);
  if (jwksUri !== undefined || jwks) set('jwks_uri', jwksUri ?? null);
  if (jwtApiScopes !== undefined) set('jwt_api_scopes', [...jwtApiScopes]);
  if (sets.length === 0) return undefined;
  const [[row]] = await manager.query<[Row[], number]>(
    `UPDATE service_clients SET ${sets.join(', ')} WHERE id = $1 RETURNING *`,
    params,
  );
  return row;
}

/** The audit details of a change's key sets: which keys (by `kid`), which URL, which scopes. */
export function keySetsSummary(change: ClientKeySetsInput): Record<string, unknown> {
  return {
    ...(change.jwks !== undefined
      ? { jwks_kids: change.jwks?.keys.map((key) => key.kid ?? null) ?? null }
      : {}),
    ...(change.jwksUri !== undefined ? { jwks_uri: change.jwksUri } : {}),
    ...(change.jwtApiScopes ? { jwt_api_scopes: change.jwtApiScopes } : {}),
  };
}

/** A row's API scopes for JWT-issued tokens, as the migration defaults them. */
export function jwtApiScopesOf(scopes: ServiceApiScope[] | undefined): ServiceApiScope[] {
  return scopes ?? [...SERVICE_API_SCOPES];
}

function badRequest(problem: string): BadRequestException {
  return new BadRequestException([problem]);
}
