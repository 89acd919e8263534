import { Injectable } from '@nestjs/common';
import { isUuid } from '@grantkeeper/database';
import { decodeJwt } from 'jose';
import { DataSource } from 'typeorm';
import { ACCESS_TOKEN_TTL_SECONDS, ServiceAccessTokens } from './access-tokens.js';
import { ClientAssertionVerifier, JWT_BEARER_ASSERTION } from './client-assertion.js';
import { SERVICE_API_SCOPES, type ServiceApiScope } from './service-client.js';
import { clientOf } from './service-clients.service.js';
import { allowlistOf, assertAddressAllowed } from './service-credentials.js';
import { invalidClient, OAuthTokenError } from './oauth-token.errors.js';

/** A client assertion is a few hundred bytes; a much longer one is not worth parsing. */
const MAX_ASSERTION_LENGTH = 8_192;
const PARAMETERS = [
  'grant_type',
  'client_assertion_type',
  'client_assertion',
  'scope',
  'client_id',
];

/** The token endpoint's answer (RFC 6749 §5.1). */
export interface OAuthTokenAnswer {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly scope: string;
}

/**
 * RFC 6749 §4.4 client credentials, the client authenticated by a `private_key_jwt` assertion
 * (RFC 7523 §2.2): checks the request, the client, its address and the assertion, then burns
 * the assertion's `jti` and issues an access token in one statement.
 */
@Injectable()
export class OAuthTokenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly verifier: ClientAssertionVerifier,
    private readonly tokens: ServiceAccessTokens,
  ) {}

  async exchange(body: unknown, ip: string): Promise<OAuthTokenAnswer> {
    const params = parametersOf(body);
    if (params.grant_type === undefined) throw invalidRequest('grant_type is missing.');
    if (params.grant_type !== 'client_credentials') {
      throw new OAuthTokenError(
        'unsupported_grant_type',
        'Only grant_type=client_credentials is served here.',
      );
    }
    if (params.client_assertion_type !== JWT_BEARER_ASSERTION) {
      throw invalidRequest(`client_assertion_type must be ${JWT_BEARER_ASSERTION}.`);
    }
    const assertion = params.client_assertion;
    if (!assertion) throw invalidRequest('client_assertion is missing.');
    if (assertion.length > MAX_ASSERTION_LENGTH)
      throw invalidRequest('client_assertion is too long.');
    const clientId = issuerOf(assertion);
    if (params.client_id !== undefined && params.client_id !== clientId) {
      throw invalidClient('client_id is not the assertion’s issuer.');
    }
    const client = await this.activeClient(clientId);
    assertAddressAllowed(allowlistOf(client.ipAllowlist), ip);
    const apiScopes = scopesOf(params.scope, client.jwtApiScopes);
    const verified = await this.verifier.verify(client, assertion);
    const issued = await this.tokens.issue({
      clientId: client.id,
      apiScopes,
      jti: verified.jti,
      assertionExpiresAt: verified.expiresAt,
      kid: verified.kid,
      ip,
    });
    if (!issued) throw invalidClient('The assertion was used already (its jti is single-use).');
    return {
      access_token: issued.token,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      scope: apiScopes.join(' '),
    };
  }

  private async activeClient(id: string) {
    const [row] = isUuid(id)
      ? await this.dataSource.query<Array<Parameters<typeof clientOf>[0]>>(
          `SELECT * FROM service_clients WHERE id = $1 AND status = 'active'`,
          [id],
        )
      : [];
    if (!row) throw invalidClient('The assertion’s issuer is no active service client.');
    return clientOf(row);
  }
}

type TokenParameters = Partial<Record<(typeof PARAMETERS)[number], string>>;

/**
 * The known parameters, each a single string (RFC 6749 §3.2: none may be repeated), from a
 * form or JSON body; the others are ignored, as §3.1 asks. `client_secret` would be a second
 * way to authenticate, which RFC 6749 §2.3 forbids.
 */
function parametersOf(body: unknown): TokenParameters {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidRequest('Send the parameters as a form or a JSON object.');
  }
  const record = body as Record<string, unknown>;
  if ('client_secret' in record) {
    throw invalidRequest('Authenticate with client_assertion only, not a client_secret.');
  }
  const params: TokenParameters = {};
  for (const name of PARAMETERS) {
    const value = record[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw invalidRequest(`${name} must be given once, as text.`);
    params[name] = value;
  }
  return params;
}

/** The assertion's `iss`, read before its signature is checked, to find whose keys check it. */
function issuerOf(assertion: string): string {
  let iss: unknown;
  try {
    iss = decodeJwt(assertion).iss;
  } catch (error) {
    throw invalidClient('client_assertion is not a JWT.', error);
  }
  if (typeof iss !== 'string') throw invalidClient('The assertion has no iss.');
  return iss;
}

/** The `scope` asked for (RFC 6749 §3.3), each allowed; without one, all the client may have. */
function scopesOf(scope: string | undefined, allowed: readonly ServiceApiScope[]) {
  if (scope === undefined) return [...allowed];
  const asked = [...new Set(scope.split(' ').filter(Boolean))];
  const refused = asked.filter(
    (name) => !allowed.includes(name as ServiceApiScope) || !isApiScope(name),
  );
  if (asked.length === 0 || refused.length > 0) {
    throw new OAuthTokenError(
      'invalid_scope',
      `This client's tokens may carry only: ${allowed.join(' ') || 'no API scope'}.`,
      { fields: { refused_scopes: refused.slice(0, 10).map((name) => name.slice(0, 100)) } },
    );
  }
  return asked as ServiceApiScope[];
}

function isApiScope(name: string): name is ServiceApiScope {
  return (SERVICE_API_SCOPES as readonly string[]).includes(name);
}

function invalidRequest(message: string): OAuthTokenError {
  return new OAuthTokenError('invalid_request', message);
}
