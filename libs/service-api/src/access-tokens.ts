import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@grantkeeper/config';
import { DataSource } from 'typeorm';
import { issueSecret, parseSecret, sameHash, secretEnvOf } from './api-key.js';
import type { ServiceApiScope, ServicePrincipal } from './service-client.js';
import { clientOf } from './service-clients.service.js';
import { type CheckedCredential, CheckedCredentials } from './checked-credentials.js';
import { assertAddressAllowed, checkedOf } from './service-credentials.js';
import { invalidCredentials } from './service-api.errors.js';

/** The prefix of access tokens from `POST /api/v1/oauth/token`: `gkat_<env>_…`. */
export const ACCESS_TOKEN_PREFIX = 'gkat_';
/** How long an access token lives (the issue asks for at most 5 minutes). */
export const ACCESS_TOKEN_TTL_SECONDS = 300;

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

/**
 * The access tokens of `private_key_jwt` clients: opaque, 384 random bits, `gkat_<env>_` and a
 * checksum like the API keys, stored only as a SHA-256 hash with an indexed lookup prefix, and
 * checked like an API key (trusted by an instance for CREDENTIAL_CACHE_MS at most, so a
 * suspended client's tokens stop everywhere within seconds).
 */
@Injectable()
export class ServiceAccessTokens {
  private readonly logger = new Logger('ServiceAccessTokens');
  private readonly env: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly checked: CheckedCredentials,
    config: ConfigService,
  ) {
    this.env = secretEnvOf(config.get('env'));
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
    const checked =
      this.checked.fresh('access_token', parsed.lookupPrefix) ??
      (await this.load(parsed.lookupPrefix));
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

  private async load(prefix: string): Promise<CheckedCredential | undefined> {
    const [row] = await this.dataSource.query<Row[]>(
      `SELECT c.*, t.id AS token_id, t.secret_hash, t.api_scopes,
              t.expires_at AS token_expires_at
         FROM service_access_tokens t JOIN service_clients c ON c.id = t.client_id
        WHERE t.lookup_prefix = $1 AND t.expires_at > now() AND c.status = 'active'`,
      [prefix],
    );
    const checked =
      row && checkedOf(row, row.token_id, 'access_token', row.token_expires_at.getTime());
    this.checked.remember('access_token', prefix, checked);
    return checked;
  }

  /** The client's last use, at most once a minute per token. */
  private noteUse(principal: ServicePrincipal): void {
    if (!this.checked.useNoteDue(principal.keyId)) return;
    void this.dataSource
      .query(`UPDATE service_clients SET last_used_at = now() WHERE id = $1`, [principal.client.id])
      .catch((error: unknown) => {
        this.checked.writeFailed(principal.keyId);
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
