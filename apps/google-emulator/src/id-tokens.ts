import { randomBytes, sign, verify } from 'node:crypto';
import type { SigningKeys } from './signing-keys.js';
import { avatarPath, type TestUser } from './test-users.js';

export type JwtFields = Record<string, unknown>;

/** Google's ID tokens name this issuer (some older flows use the bare `accounts.google.com`). */
export const GOOGLE_ISSUER = 'https://accounts.google.com';

export interface IdTokenRequest {
  user: TestUser;
  clientId: string;
  nonce?: string;
  /** Seconds since the epoch; now by default. */
  issuedAt?: number;
}

/** The service account whose tokens `/__control/id-token { as: 'service_account' }` mints. */
export const SERVICE_ACCOUNT = {
  uniqueId: '112233445566778899001',
  email: 'robot@emulator-project.iam.gserviceaccount.com',
} as const;

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** Drops fields given as `null`, so a test can ask for a token *without* a claim. */
function withoutNulls(fields: JwtFields): JwtFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
}

/** Mints and signs Google-shaped ID tokens with the emulator's current key. */
export class IdTokens {
  constructor(
    private readonly keys: SigningKeys,
    private readonly lifetimeSeconds: () => number,
    private readonly publicUrl: () => string,
  ) {}

  /**
   * The claims Google puts in an ID token for `user` signing in to `clientId`, in Google's order.
   * `hd` only for Workspace accounts; `nonce` only when the client sent one; `nbf` five minutes
   * before `iat` as in GIS credentials.
   */
  claimsFor({ user, clientId, nonce, issuedAt }: IdTokenRequest): JwtFields {
    const iat = issuedAt ?? Math.floor(Date.now() / 1000);
    return {
      iss: GOOGLE_ISSUER,
      azp: clientId,
      aud: clientId,
      sub: user.sub,
      ...(user.hd === undefined ? {} : { hd: user.hd }),
      email: user.email,
      email_verified: user.emailVerified,
      ...(nonce === undefined ? {} : { nonce }),
      nbf: iat - 300,
      name: user.name,
      picture: `${this.publicUrl()}${avatarPath(user)}`,
      given_name: user.givenName,
      family_name: user.familyName,
      iat,
      exp: iat + this.lifetimeSeconds(),
      jti: randomBytes(20).toString('hex'),
    };
  }

  /**
   * The claims of an ID token a Google service account obtains for `audience` (from the metadata
   * server or `generateIdToken`): no profile, `email` the account's address, and the account's
   * unique id as both `sub` and `azp`
   * (https://cloud.google.com/docs/authentication/token-types#id-contents). With
   * `computeEngine`, the metadata server's `format=full` claim as well
   * (https://cloud.google.com/compute/docs/instances/verifying-instance-identity#payload).
   */
  serviceAccountClaims(audience: string, computeEngine = false): JwtFields {
    const iat = Math.floor(Date.now() / 1000);
    return {
      aud: audience,
      azp: SERVICE_ACCOUNT.uniqueId,
      email: SERVICE_ACCOUNT.email,
      email_verified: true,
      exp: iat + this.lifetimeSeconds(),
      ...(computeEngine
        ? {
            google: {
              compute_engine: {
                instance_id: '4321987654321098765',
                instance_name: 'emulated-instance',
                project_id: 'emulator-project',
                project_number: 123456789012,
                zone: 'europe-west1-b',
              },
            },
          }
        : {}),
      iat,
      iss: GOOGLE_ISSUER,
      sub: SERVICE_ACCOUNT.uniqueId,
    };
  }

  forUser(request: IdTokenRequest): string {
    return this.sign(this.claimsFor(request));
  }

  /**
   * Signs `claims` with RS256 and the current key. `header` fields are merged over
   * `{ alg, kid, typ }` — even a lying `alg` — yet the signature is always RS256 with the current
   * key, which is what a test of a verifier's algorithm checks needs. `null` removes a field.
   */
  sign(claims: JwtFields, header: JwtFields = {}): string {
    const key = this.keys.signingKey;
    const fullHeader = withoutNulls({ alg: 'RS256', kid: key.kid, typ: 'JWT', ...header });
    const input = `${base64url(JSON.stringify(fullHeader))}.${base64url(JSON.stringify(withoutNulls(claims)))}`;
    const signature = sign('sha256', Buffer.from(input), key.privateKey);
    return `${input}.${base64url(signature)}`;
  }

  /**
   * The claims of a token this emulator signed with a published key and that has not expired,
   * or undefined (any malformed input included): what Google's tokeninfo?id_token= checks.
   */
  verify(token: string): { header: JwtFields; claims: JwtFields } | undefined {
    const [header = '', payload = '', signature = '', extra] = token.split('.');
    if (extra !== undefined) return undefined;
    try {
      const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as JwtFields;
      const key = this.keys.publishedKeys.find((k) => k.kid === head.kid);
      const signed = Buffer.from(`${header}.${payload}`);
      if (!key || head.alg !== 'RS256') return undefined;
      if (!verify('sha256', signed, key.publicKey, Buffer.from(signature, 'base64url'))) {
        return undefined;
      }
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as JwtFields;
      const exp = claims.exp;
      if (typeof exp !== 'number' || exp * 1000 <= Date.now()) return undefined;
      return { header: head, claims };
    } catch {
      return undefined;
    }
  }
}
