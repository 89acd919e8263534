import {
  generateKeyPairSync,
  randomBytes,
  sign,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Test and benchmark support: a real HTTP server standing in for Google's certificate endpoints,
// and a signer for Google-shaped ID tokens. Never imported by production code.

/** An RSA key pair as Google would publish it. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The public JWK as served at /oauth2/v3/certs. */
  readonly jwk: JsonWebKey;
  /** The public key PEM (SPKI) as served at /oauth2/v1/certs. */
  readonly pem: string;
}

/** Client id used as audience by default. */
export const TEST_CLIENT_ID = '1234567890-test.apps.googleusercontent.com';

/** A fresh 2048-bit RSA key under a Google-like kid (40 hex digits). */
export function createSigningKey(kid: string = randomBytes(20).toString('hex')): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk: JsonWebKey = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { kid, privateKey, publicKey, jwk, pem };
}

/** base64url of the JSON of `value`: one JWS segment. */
export function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Signs `claims` with RS256 under `key.kid`; `header` entries are merged over the default header. */
export function signIdToken(
  claims: Record<string, unknown>,
  key: Pick<SigningKey, 'kid' | 'privateKey'>,
  header: Record<string, unknown> = {},
): string {
  const input = `${segment({ alg: 'RS256', kid: key.kid, typ: 'JWT', ...header })}.${segment(claims)}`;
  const signature = sign('sha256', Buffer.from(input), key.privateKey).toString('base64url');
  return `${input}.${signature}`;
}

/** Claims of a valid Google ID token issued at `nowMs`; an `undefined` override removes a claim. */
export function googleClaims(
  nowMs: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const iat = Math.floor(nowMs / 1000);
  return {
    iss: 'https://accounts.google.com',
    azp: TEST_CLIENT_ID,
    aud: TEST_CLIENT_ID,
    sub: '110169484474386276334',
    email: 'ada@example.com',
    email_verified: true,
    name: 'Ada Lovelace',
    given_name: 'Ada',
    family_name: 'Lovelace',
    picture: 'https://lh3.googleusercontent.com/a/photo',
    iat,
    exp: iat + 3600,
    jti: randomBytes(16).toString('hex'),
    ...overrides,
  };
}

/** How the fake endpoint answers. */
export type FakeCertsMode = 'ok' | 'status-500' | 'html' | 'hang' | 'trickle' | 'bad-shape';

/**
 * A local HTTP server on an ephemeral port serving `keys` at `/oauth2/v3/certs` (JWKS) and
 * `/oauth2/v1/certs` (`{ kid: pem }`), counting every request on any path.
 */
export class FakeGoogleCerts {
  /** Requests received on any path since start. */
  requests = 0;
  keys: SigningKey[] = [];
  /** Sent as `Cache-Control` when set. */
  cacheControl: string | undefined = 'public, max-age=3600, must-revalidate, no-transform';
  /** Sent as `Age` when set. */
  age: number | undefined;
  mode: FakeCertsMode = 'ok';
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    /** Base URL, e.g. `http://127.0.0.1:40123`. */
    readonly origin: string,
  ) {}

  /** The JWKS URL (`/oauth2/v3/certs`). */
  get jwksUrl(): string {
    return `${this.origin}/oauth2/v3/certs`;
  }

  /** The PEM map URL (`/oauth2/v1/certs`), google-auth-library's format. */
  get pemUrl(): string {
    return `${this.origin}/oauth2/v1/certs`;
  }

  static async start(keys: SigningKey[] = []): Promise<FakeGoogleCerts> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeGoogleCerts(server, `http://127.0.0.1:${port}`);
    fake.keys = keys;
    server.on('request', (request: IncomingMessage, response: ServerResponse) =>
      fake.handle(request, response),
    );
    return fake;
  }

  /** Stops listening and drops open connections, hanging and trickling ones included. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    this.requests += 1;
    switch (this.mode) {
      case 'ok':
        return this.serveKeys(request, response);
      case 'status-500':
        return void response.writeHead(500, { 'content-type': 'text/plain' }).end('oops');
      case 'html':
        return void response
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><title>Error</title><p>Service unavailable');
      case 'hang':
        return;
      case 'trickle':
        return this.trickle(response);
      case 'bad-shape':
        return void response
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"keys":"none"}');
    }
  }

  private serveKeys(request: IncomingMessage, response: ServerResponse): void {
    const pem = request.url === '/oauth2/v1/certs';
    const body = pem
      ? Object.fromEntries(this.keys.map((key) => [key.kid, key.pem]))
      : { keys: this.keys.map((key) => key.jwk) };
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (this.cacheControl !== undefined) headers['cache-control'] = this.cacheControl;
    if (this.age !== undefined) headers.age = String(this.age);
    response.writeHead(200, headers).end(JSON.stringify(body));
  }

  // Headers at once, then one byte every 50 ms, forever: only a whole-response deadline stops it.
  private trickle(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"keys":[');
    const timer = setInterval(() => response.write(' '), 50);
    this.timers.add(timer);
    response.on('close', () => {
      clearInterval(timer);
      this.timers.delete(timer);
    });
  }
}
