// A private_key_jwt service as another team writes one: key pairs, client assertions signed
// with jose, and the token request to POST /api/v1/oauth/token.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { ApiUnderTest } from './api-under-test.js';
import { type HttpResponse, request } from './http-client.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface Signer {
  readonly alg: string;
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** The public half, as the service registers it. */
  readonly jwk: JWK;
}

interface OAuthTokenAnswer {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  error?: string;
  message?: string;
}

export async function newSigner(alg = 'ES256', kid: string = randomUUID()): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid } };
}

interface AssertionOptions {
  /** Claims over the valid defaults; `undefined` removes one. */
  readonly claims?: Record<string, unknown>;
  readonly header?: Record<string, unknown>;
}

/** A valid assertion of `clientId` for `api`'s token endpoint, unless `options` change it. */
export function assertion(
  api: ApiUnderTest,
  signer: Signer,
  clientId: string,
  options: AssertionOptions = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: clientId,
    sub: clientId,
    aud: tokenEndpoint(api),
    jti: randomUUID(),
    iat: now,
    exp: now + 120,
    ...options.claims,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return new SignJWT(claims)
    .setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: 'JWT', ...options.header })
    .sign(signer.privateKey);
}

export function tokenEndpoint(api: ApiUnderTest): string {
  return `${api.url}/api/v1/oauth/token`;
}

/** The token request, as a form (RFC 6749's encoding) unless `json`. */
export function requestToken(
  api: ApiUnderTest,
  clientAssertion: string,
  extra: Record<string, string> = {},
  json = false,
): Promise<HttpResponse<OAuthTokenAnswer>> {
  const params = {
    grant_type: 'client_credentials',
    client_assertion_type: JWT_BEARER,
    client_assertion: clientAssertion,
    ...extra,
  };
  return request<OAuthTokenAnswer>(tokenEndpoint(api), json ? { json: params } : { form: params });
}

/** A token for the client, or a failed test. */
export async function accessToken(
  api: ApiUnderTest,
  signer: Signer,
  clientId: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const answer = await requestToken(api, await assertion(api, signer, clientId), extra);
  if (answer.status !== 200) throw new Error(`token refused: ${answer.status} ${answer.text}`);
  return answer.body.access_token;
}

/** A service's JWK set URL on a real HTTP server; `keys` is what it serves right now. */
export async function serveJwks(
  keys: JWK[],
): Promise<{ url: string; keys: JWK[]; fetches: () => number; close: () => Promise<void> }> {
  const state = { keys, fetches: 0 };
  const server: Server = createServer((req, res) => {
    state.fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: state.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    get keys() {
      return state.keys;
    },
    set keys(next: JWK[]) {
      state.keys = next;
    },
    fetches: () => state.fetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
