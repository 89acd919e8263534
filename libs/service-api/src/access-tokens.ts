import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@grantkeeper/config';
import { DataSource } from 'typeorm';
import { issueSecret, parseSecret, sameHash } from './api-key.js';
import type { ServiceApiScope, ServicePrincipal } from './service-client.js';
import { clientOf } from './service-clients.service.js';
import { allowlistOf, assertAddressAllowed, CREDENTIAL_CACHE_MS } from './service-credentials.js';
import { invalidCredentials } from './service-api.errors.js';

/** The prefix of access tokens from `POST /api/v1/oauth/token`: `gkat_<env>_…`. */
export const ACCESS_TOKEN_PREFIX = 'gkat_';
/** How long an access token lives (the issue asks for at most 5 minutes). */
export const ACCESS_TOKEN_TTL_SECONDS = 300;
/** `last_used_at` of the client is written at most this often per token. */
const LAST_USED_EVERY_MS = 60_000;
const CACHE_LIMIT = 10_000;

/** What a verified client assertion earns. */
export interface AccessTokenGrant {
  readonly clientId: string;
  readonly apiScopes: readonly ServiceApiScope[];
  /** The assertion's id and expiry: the id is burnt until then. */
  readonly jti: string;
  readonly assertionExpiresAt: Date;
  readonly kid: string | null;
  readonly ip: string;
}

export interface IssuedAccessToken {
  /** The token itself: in the answer only, stored as its SHA-256 hash. */
  readonly token: string;
  readonly id: string;
  readonly expiresInSeconds: number;
}

type Row = Parameters<typeof clientOf>[0] & {
  token_id: string;
  secret_hash: Buffer;
  api_scopes: ServiceApiScope[];
  token_expires_at: Date;
};

interface Checked {
  readonly principal: ServicePrincipal;
  readonly secretHash: Buffer;
  readonly allowlist: ReturnType<typeof allowlistOf>;
  readonly checkedAt: number;
  readonly expiresAt: number;
}

/**
 * The access tokens of `private_key_jwt` clients: opaque, 384 random bits, `gkat_<env>_` and a
 * checksum like the API keys, stored only as a SHA-256 hash with an indexed lookup prefix, and
 * checked like an API key (trusted by an instance for {@link CREDENTIAL_CACHE_MS} at most, so a
 * suspended client's tokens stop everywhere within seconds).
 */
@Injectable()
export class ServiceAccessTokens {
  private readonly logger = new Logger('ServiceAccessTokens');
  private readonly env: string;
  private readonly cache = new Map<string, Checked>();
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService,
  ) {
    this.env = config.get('env') === 'production' ? 'live' : 'test';
  }

  /**
   * Burns the assertion's `jti` and stores a new token, in one statement: of two instances
   * given the same assertion, the second's insert conflicts and it issues nothing. Undefined
   * when the `jti` was used already, or the client is no longer active.
   */
  async issue(grant: AccessTokenGrant): Promise<IssuedAccessToken | undefined> {
    const issued = issueSecret(ACCESS_TOKEN_PREFIX, this.env);
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      `WITH burnt AS (
         INSERT INTO service_assertion_jtis (client_id, jti, expires_at)
         SELECT id, $2, $3 FROM service_clients WHERE id = $1 AND status = 'active'
         ON CONFLICT DO NOTHING RETURNING client_id)
       INSERT INTO service_access_tokens
         (client_id, lookup_prefix, secret_hash, api_scopes, assertion_kid, expires_at, ip)
       SELECT client_id, $4, $5, $6, $7, now() + make_interval(secs => $8), $9 FROM burnt
       RETURNING id`,
      [
        grant.clientId,
        grant.jti,
        grant.assertionExpiresAt,
        issued.lookupPrefix,
        issued.secretHash,
        [...grant.apiScopes],
        grant.kid,
        ACCESS_TOKEN_TTL_SECONDS,
        grant.ip,
      ],
    );
    if (!row) return undefined;
    return { token: issued.key, id: row.id, expiresInSeconds: ACCESS_TOKEN_TTL_SECONDS };
  }

  /** The service an access token belongs to, or 401 `invalid_credentials`. */
  async authenticate(token: string, ip: string): Promise<ServicePrincipal> {
    const parsed = parseSecret(ACCESS_TOKEN_PREFIX, token);
    if (!parsed) throw invalid();
    const checked = await this.lookup(parsed.lookupPrefix);
    if (!checked || !sameHash(parsed.secretHash, checked.secretHash)) throw invalid();
    assertAddressAllowed(checked.allowlist, ip);
    this.noteUse(checked.principal);
    return checked.principal;
  }

  /** Deletes expired tokens and the `jti`s of expired assertions (the purge job). */
  async purgeExpired(): Promise<number> {
    const [[, tokens], [, jtis]] = await Promise.all([
      this.dataSource.query<[unknown[], number]>(
        `DELETE FROM service_access_tokens WHERE expires_at < now()`,
      ),
      this.dataSource.query<[unknown[], number]>(
        `DELETE FROM service_assertion_jtis WHERE expires_at < now()`,
      ),
    ]);
    return tokens + jtis;
  }

  private async lookup(prefix: string): Promise<Checked | undefined> {
    const cached = this.cache.get(prefix);
    const now = Date.now();
    if (cached && now - cached.checkedAt < CREDENTIAL_CACHE_MS) {
      // Past its expiry the token is dead, however fresh the cache.
      return now < cached.expiresAt ? cached : undefined;
    }
    const [row] = await this.dataSource.query<Row[]>(
      `SELECT c.*, t.id AS token_id, t.secret_hash, t.api_scopes,
              t.expires_at AS token_expires_at
         FROM service_access_tokens t JOIN service_clients c ON c.id = t.client_id
        WHERE t.lookup_prefix = $1 AND t.expires_at > now() AND c.status = 'active'`,
      [prefix],
    );
    if (!row) {
      this.cache.delete(prefix);
      return undefined;
    }
    const client = clientOf(row);
    const checked: Checked = {
      principal: {
        client,
        keyId: row.token_id,
        credentialKind: 'access_token',
        apiScopes: new Set(row.api_scopes),
      },
      secretHash: row.secret_hash,
      allowlist: allowlistOf(client.ipAllowlist),
      checkedAt: now,
      expiresAt: row.token_expires_at.getTime(),
    };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(prefix, checked);
    return checked;
  }

  /** The client's last use, at most once a minute per token. */
  private noteUse(principal: ServicePrincipal): void {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(principal.keyId) ?? 0) < LAST_USED_EVERY_MS) return;
    if (this.lastUsedWritten.size >= CACHE_LIMIT) this.lastUsedWritten.clear();
    this.lastUsedWritten.set(principal.keyId, now);
    void this.dataSource
      .query(`UPDATE service_clients SET last_used_at = now() WHERE id = $1`, [principal.client.id])
      .catch((error: unknown) => {
        this.lastUsedWritten.delete(principal.keyId);
        this.logger.warn({ msg: 'Could not note a client’s last use', error: String(error) });
      });
  }
}

function invalid() {
  return invalidCredentials(
    'The access token is unknown or expired, or its client is suspended.',
    true,
  );
}
