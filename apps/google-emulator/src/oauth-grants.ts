import { randomBytes } from 'node:crypto';

/**
 * Google lets one user hold at most 100 live refresh tokens per OAuth client; issuing another
 * silently invalidates the oldest (https://developers.google.com/identity/protocols/oauth2
 * #expiration).
 */
export const REFRESH_TOKEN_LIMIT = 100;

export type CodeChallengeMethod = 'plain' | 'S256';

/** What the user approved at /o/oauth2/v2/auth, bound to one code. */
export interface AuthorizationCode {
  code: string;
  sub: string;
  clientId: string;
  redirectUri: string;
  /** Canonical scopes the tokens of this code carry. */
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod: CodeChallengeMethod;
  /** `access_type=offline`: the exchange may return a refresh token. */
  offline: boolean;
  /** First consent of this user for this client, or `prompt=consent`: Google returns one. */
  issueRefreshToken: boolean;
  expiresAt: number;
}

export type NewCode = Omit<AuthorizationCode, 'code' | 'expiresAt'>;

export interface AccessToken {
  token: string;
  sub: string;
  clientId: string;
  scopes: string[];
  offline: boolean;
  expiresAt: number;
}

export interface RefreshToken {
  token: string;
  sub: string;
  clientId: string;
  /** When it dies by itself (time-based access, Testing status); never when absent. */
  expiresAt?: number;
}

interface Grant {
  sub: string;
  clientId: string;
  scopes: Set<string>;
  /** Oldest first. */
  refreshTokens: string[];
  /** Live refresh tokens kept; Google's 100 unless a load test minted more in bulk. */
  refreshTokenLimit: number;
}

/** Everything {@link OAuthGrants} holds, as plain JSON (see state-store.ts). */
export interface OAuthGrantsSnapshot {
  grants: Array<Omit<Grant, 'scopes'> & { scopes: string[] }>;
  codes: AuthorizationCode[];
  usedCodes: string[];
  accessTokens: AccessToken[];
  refreshTokens: RefreshToken[];
}

/** One user+client grant as `/__control/grants` reports it. */
export interface GrantView {
  sub: string;
  client_id: string;
  scopes: string[];
  refresh_tokens: number;
  access_tokens: number;
  refresh_token_values: string[];
  /** The live access tokens themselves, for tests that look for them where they must not be. */
  access_token_values: string[];
}

export type CodeLookup =
  { status: 'ok'; code: AuthorizationCode } | { status: 'unknown' | 'used' | 'expired' };

export interface OAuthGrantsOptions {
  accessTokenLifetimeSeconds: () => number;
  codeLifetimeSeconds: () => number;
  /** The Cloud project of a client id; every client is its own project when absent. */
  projectOf?: (clientId: string) => string;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

const random = (bytes: number) => randomBytes(bytes).toString('base64url');
const keyOf = (sub: string, clientId: string) => `${sub} ${clientId}`;

/**
 * Consent, codes and tokens of every user+client, in memory. Token values are opaque random
 * strings shaped like Google's: `4/0…` codes, `ya29.` access tokens, `1//0…` refresh tokens.
 */
export class OAuthGrants {
  private readonly grants = new Map<string, Grant>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly usedCodes = new Set<string>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, RefreshToken>();
  private readonly now: () => number;
  private expiredDroppedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: OAuthGrantsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Scopes the user has granted the client (remembered consent), or undefined if none. */
  grantedScopes(sub: string, clientId: string): string[] | undefined {
    const grant = this.grants.get(keyOf(sub, clientId));
    return grant ? [...grant.scopes] : undefined;
  }

  /** Records consent to `scopes`; `first` when the user had no grant for the client before. */
  consent(sub: string, clientId: string, scopes: readonly string[]): { first: boolean } {
    const key = keyOf(sub, clientId);
    const grant = this.grants.get(key);
    if (grant) {
      for (const scope of scopes) grant.scopes.add(scope);
      return { first: false };
    }
    this.grants.set(key, {
      sub,
      clientId,
      scopes: new Set(scopes),
      refreshTokens: [],
      refreshTokenLimit: REFRESH_TOKEN_LIMIT,
    });
    return { first: true };
  }

  issueCode(details: NewCode): AuthorizationCode {
    const code: AuthorizationCode = {
      ...details,
      code: `4/0${random(54)}`,
      expiresAt: this.now() + this.options.codeLifetimeSeconds() * 1000,
    };
    this.codes.set(code.code, code);
    return code;
  }

  findCode(code: string): CodeLookup {
    if (this.usedCodes.has(code)) return { status: 'used' };
    const found = this.codes.get(code);
    if (!found) return { status: 'unknown' };
    if (this.now() >= found.expiresAt) return { status: 'expired' };
    return { status: 'ok', code: found };
  }

  /** Codes are single-use: a second exchange is `invalid_grant`. */
  consumeCode(code: AuthorizationCode): void {
    this.codes.delete(code.code);
    this.usedCodes.add(code.code);
  }

  issueAccessToken(sub: string, clientId: string, scopes: readonly string[], offline: boolean) {
    // A scan of every token per issue made /token O(tokens held); once a second bounds memory
    // just as well (lookups check expiry themselves).
    if (this.now() - this.expiredDroppedAt >= 1000) this.dropExpiredAccessTokens();
    const token: AccessToken = {
      token: `ya29.${random(96)}`,
      sub,
      clientId,
      scopes: [...scopes],
      offline,
      expiresAt: this.now() + this.options.accessTokenLifetimeSeconds() * 1000,
    };
    this.accessTokens.set(token.token, token);
    return token;
  }

  /** A new refresh token for an existing grant; the 101st kills the oldest. */
  issueRefreshToken(
    sub: string,
    clientId: string,
    lifetimeSeconds?: number,
  ): RefreshToken | undefined {
    const grant = this.grants.get(keyOf(sub, clientId));
    if (!grant) return undefined;
    const token: RefreshToken = {
      token: `1//0${random(72)}`,
      sub,
      clientId,
      ...(lifetimeSeconds === undefined ? {} : { expiresAt: this.now() + lifetimeSeconds * 1000 }),
    };
    grant.refreshTokens.push(token.token);
    this.refreshTokens.set(token.token, token);
    while (grant.refreshTokens.length > grant.refreshTokenLimit) {
      const oldest = grant.refreshTokens.shift();
      if (oldest !== undefined) this.refreshTokens.delete(oldest);
    }
    return token;
  }

  /**
   * `count` new refresh tokens for the user+client at once, consent to `scopes` included, as
   * many consents with `prompt=consent` would give. For load tests, which need thousands of live
   * grants from four test accounts: this grant keeps all of them (Google's 100-token limit is
   * lifted for it until reset), and grants never minted in bulk keep Google's limit.
   */
  issueRefreshTokens(
    sub: string,
    clientId: string,
    scopes: readonly string[],
    count: number,
  ): string[] {
    this.consent(sub, clientId, scopes);
    const grant = this.grants.get(keyOf(sub, clientId))!;
    grant.refreshTokenLimit = Math.max(grant.refreshTokenLimit, grant.refreshTokens.length + count);
    return Array.from({ length: count }, () => this.issueRefreshToken(sub, clientId)!.token);
  }

  /** A live access token (unexpired, grant not revoked). */
  findAccessToken(token: string): AccessToken | undefined {
    const found = this.accessTokens.get(token);
    if (!found) return undefined;
    if (this.now() >= found.expiresAt) {
      this.accessTokens.delete(token);
      return undefined;
    }
    return found;
  }

  findRefreshToken(token: string): RefreshToken | undefined {
    const found = this.refreshTokens.get(token);
    if (found?.expiresAt !== undefined && this.now() >= found.expiresAt) return undefined;
    return found;
  }

  /**
   * Revoking either token ends the whole grant of that user+client, as Google does: every
   * refresh and access token and the remembered consent
   * (https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke).
   */
  revokeToken(token: string): boolean {
    const owner = this.findAccessToken(token) ?? this.findRefreshToken(token);
    if (!owner) return false;
    // Google ends the user's grants to every client of the token's Cloud project, not the one
    // client: reported in practice (a product's web, Android and iOS clients lose access
    // together); the revoke itself is documented at
    // https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke.
    const projectOf = this.options.projectOf ?? ((clientId: string) => clientId);
    const project = projectOf(owner.clientId);
    const ended = [...this.grants.values()].filter(
      (grant) => grant.sub === owner.sub && projectOf(grant.clientId) === project,
    );
    for (const grant of ended) this.endGrant(grant.sub, grant.clientId);
    this.endGrant(owner.sub, owner.clientId);
    return true;
  }

  /** The user removed the app(s) in their Google account; the number of grants that ended. */
  revokeUser(sub: string, clientId?: string): number {
    const ended = [...this.grants.values()].filter(
      (grant) => grant.sub === sub && (clientId === undefined || grant.clientId === clientId),
    );
    for (const grant of ended) this.endGrant(grant.sub, grant.clientId);
    return ended.length;
  }

  list(): GrantView[] {
    this.dropExpiredAccessTokens();
    const tokens = [...this.accessTokens.values()];
    return [...this.grants.values()].map((grant) => {
      const own = tokens.filter((t) => t.sub === grant.sub && t.clientId === grant.clientId);
      return {
        sub: grant.sub,
        client_id: grant.clientId,
        scopes: [...grant.scopes].sort(),
        refresh_tokens: grant.refreshTokens.length,
        access_tokens: own.length,
        refresh_token_values: [...grant.refreshTokens],
        access_token_values: own.map((t) => t.token),
      };
    });
  }

  snapshot(): OAuthGrantsSnapshot {
    this.dropExpiredAccessTokens();
    return {
      grants: [...this.grants.values()].map((grant) => ({ ...grant, scopes: [...grant.scopes] })),
      codes: [...this.codes.values()],
      usedCodes: [...this.usedCodes],
      accessTokens: [...this.accessTokens.values()],
      refreshTokens: [...this.refreshTokens.values()],
    };
  }

  /** Replaces everything held with a {@link snapshot}'s contents. */
  restore(snapshot: OAuthGrantsSnapshot): void {
    this.clear();
    for (const grant of snapshot.grants) {
      this.grants.set(keyOf(grant.sub, grant.clientId), {
        ...grant,
        scopes: new Set(grant.scopes),
      });
    }
    for (const code of snapshot.codes) this.codes.set(code.code, code);
    for (const code of snapshot.usedCodes) this.usedCodes.add(code);
    for (const token of snapshot.accessTokens) this.accessTokens.set(token.token, token);
    for (const token of snapshot.refreshTokens) this.refreshTokens.set(token.token, token);
  }

  clear(): void {
    this.grants.clear();
    this.codes.clear();
    this.usedCodes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  private endGrant(sub: string, clientId: string): void {
    const grant = this.grants.get(keyOf(sub, clientId));
    for (const token of grant?.refreshTokens ?? []) this.refreshTokens.delete(token);
    this.grants.delete(keyOf(sub, clientId));
    const belongs = (t: { sub: string; clientId: string }) =>
      t.sub === sub && t.clientId === clientId;
    for (const [value, token] of this.accessTokens) {
      if (belongs(token)) this.accessTokens.delete(value);
    }
    // A code the user approved but the app has not exchanged yet dies with the grant too.
    for (const [value, code] of this.codes) if (belongs(code)) this.codes.delete(value);
  }

  private dropExpiredAccessTokens(): void {
    const now = this.now();
    this.expiredDroppedAt = now;
    for (const [value, token] of this.accessTokens) {
      if (now >= token.expiresAt) this.accessTokens.delete(value);
    }
  }
}
