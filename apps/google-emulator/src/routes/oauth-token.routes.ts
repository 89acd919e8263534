import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorClient } from '../emulator.config.js';
import type { EmulatorContext } from '../emulator.context.js';
import { EmulatorError } from '../emulator.errors.js';
import { formField } from '../gsi-flow.js';
import type { AccessToken, AuthorizationCode } from '../oauth-grants.js';
import {
  EMAIL_SCOPE,
  PROFILE_SCOPE,
  SIGN_IN_SCOPES,
  parseScopes,
  tokenScope,
} from '../oauth-scopes.js';
import { findTestUser } from '../test-users.js';

const invalidGrant = (description: string) => new EmulatorError(400, 'invalid_grant', description);
const invalidRequest = (description: string) =>
  new EmulatorError(400, 'invalid_request', description);
// Google's wording when a refresh token was revoked, expired or evicted by the 100-token limit.
export const REVOKED_DESCRIPTION = 'Token has been expired or revoked.';

/**
 * `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1), where
 * urlencode is the application/x-www-form-urlencoded algorithm: a `+` is a space, which
 * decodeURIComponent alone would keep.
 */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString();
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return {
      id: formDecode(decoded.slice(0, colon)),
      secret: formDecode(decoded.slice(colon + 1)),
    };
  } catch {
    return undefined;
  }
}

const formDecode = (value: string) => decodeURIComponent(value.replaceAll('+', ' '));

const sameSecret = (given: string, expected: string) => {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
};

/** client_secret_basic or client_secret_post, as the discovery document advertises. */
function authenticateClient(ctx: EmulatorContext, request: FastifyRequest): EmulatorClient {
  const basic = basicCredentials(request.headers.authorization);
  const clientId = basic?.id ?? formField(request.body, 'client_id');
  const secret = basic?.secret ?? formField(request.body, 'client_secret');
  const client = ctx.clients.find(clientId);
  if (!client) throw new EmulatorError(401, 'invalid_client', 'The OAuth client was not found.');
  if (secret === undefined || !sameSecret(secret, client.clientSecret)) {
    throw new EmulatorError(401, 'invalid_client', 'Unauthorized');
  }
  return client;
}

/**
 * RFC 7636 §4.6: S256 compares BASE64URL(SHA256(verifier)); plain compares as is. A verifier
 * for a code issued without a challenge is refused: accepting it would let an attacker who
 * stripped the challenge from the authorization request pass as a PKCE client (RFC 9700 §2.1.1,
 * "PKCE downgrade"). Google does not document this case.
 */
function checkPkce(code: AuthorizationCode, verifier: string | undefined): void {
  if (code.codeChallenge === undefined) {
    if (verifier !== undefined) {
      throw invalidGrant('code_verifier given, but the authorization request had no challenge.');
    }
    return;
  }
  if (verifier === undefined) throw invalidGrant('Missing code verifier.');
  const computed =
    code.codeChallengeMethod === 'S256'
      ? createHash('sha256').update(verifier).digest('base64url')
      : verifier;
  if (computed !== code.codeChallenge) throw invalidGrant('Invalid code verifier.');
}

function redeemableCode(ctx: EmulatorContext, client: EmulatorClient, body: unknown) {
  const value = formField(body, 'code');
  if (!value) throw invalidRequest('Missing required parameter: code');
  const found = ctx.grants.findCode(value);
  switch (found.status) {
    case 'unknown':
      throw invalidGrant('Malformed auth code.');
    case 'used':
      throw invalidGrant('The authorization code has already been redeemed.');
    case 'expired':
      throw invalidGrant('The authorization code has expired.');
    case 'ok':
      break;
  }
  const code = found.code;
  if (code.clientId !== client.clientId) throw invalidGrant('Unauthorized');
  // The code is bound to the exact redirect_uri of the authorization request (RFC 6749 §4.1.3).
  const redirectUri = formField(body, 'redirect_uri');
  if (redirectUri === undefined) throw invalidRequest('Missing parameter: redirect_uri');
  if (redirectUri !== code.redirectUri) {
    throw new EmulatorError(400, 'redirect_uri_mismatch', 'Bad Request');
  }
  checkPkce(code, formField(body, 'code_verifier'));
  return code;
}

/** OIDC Core §3.1.3.6: at_hash is the left half of SHA-256 of the access token, base64url. */
const atHash = (accessToken: string) =>
  createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');

/**
 * The ID token of a token response: profile and email claims only for the granted scopes.
 * Google sends one for any identity scope, not only `openid`: "This property is only returned
 * if your request included an identity scope, such as openid, profile, or email"
 * (https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code;
 * the claims each scope adds: https://developers.google.com/identity/openid-connect/openid-connect
 * #an-id-tokens-payload, the scopes: https://developers.google.com/identity/protocols/oauth2/scopes
 * #openid-connect).
 */
function idTokenFor(ctx: EmulatorContext, access: AccessToken, nonce?: string) {
  const user = findTestUser(access.sub);
  if (!user || !access.scopes.some((scope) => SIGN_IN_SCOPES.includes(scope))) return undefined;
  const claims = ctx.idTokens.claimsFor({ user, clientId: access.clientId, nonce });
  const drop = ['nbf', 'jti'];
  if (!access.scopes.includes(EMAIL_SCOPE)) drop.push('email', 'email_verified', 'hd');
  if (!access.scopes.includes(PROFILE_SCOPE)) {
    drop.push('name', 'picture', 'given_name', 'family_name');
  }
  for (const name of drop) delete claims[name];
  return ctx.idTokens.sign({ ...claims, at_hash: atHash(access.token) });
}

function tokenResponse(
  ctx: EmulatorContext,
  access: AccessToken,
  refreshToken: string | undefined,
  nonce?: string,
) {
  const idToken = idTokenFor(ctx, access, nonce);
  return {
    access_token: access.token,
    expires_in: Math.round((access.expiresAt - Date.now()) / 1000),
    ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    scope: tokenScope(access.scopes),
    token_type: 'Bearer',
    ...(idToken === undefined ? {} : { id_token: idToken }),
  };
}

function exchangeCode(ctx: EmulatorContext, client: EmulatorClient, body: unknown) {
  const code = redeemableCode(ctx, client, body);
  ctx.grants.consumeCode(code);
  const access = ctx.grants.issueAccessToken(code.sub, client.clientId, code.scopes, code.offline);
  const refresh = code.issueRefreshToken
    ? ctx.grants.issueRefreshToken(
        code.sub,
        client.clientId,
        refreshTokenLifetime(ctx, ctx.grants.grantedScopes(code.sub, client.clientId) ?? []),
      )
    : undefined;
  return { ...tokenResponse(ctx, access, refresh?.token, code.nonce), ...expiresIn(refresh) };
}

const BASIC_SCOPES = new Set(SIGN_IN_SCOPES);
const TESTING_REFRESH_TOKEN_SECONDS = 7 * 24 * 3600;

/**
 * How long a new refresh token lives, if not for good. "A Google Cloud Platform project with
 * an OAuth consent screen configured for an external user type and a publishing status of
 * 'Testing' is issued a refresh token expiring in 7 days, unless the only OAuth scopes
 * requested are a subset of name, email address, and user profile"; and "if the user granted
 * time-based access", until that time
 * (https://developers.google.com/identity/protocols/oauth2#expiration,
 * https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code).
 */
function refreshTokenLifetime(ctx: EmulatorContext, scopes: readonly string[]): number | undefined {
  const testing =
    ctx.settings.publishingStatus === 'testing' && scopes.some((s) => !BASIC_SCOPES.has(s))
      ? TESTING_REFRESH_TOKEN_SECONDS
      : undefined;
  const timeBased = ctx.settings.timeBasedAccessSeconds ?? undefined;
  const lifetimes = [testing, timeBased].filter((s): s is number => s !== undefined);
  return lifetimes.length > 0 ? Math.min(...lifetimes) : undefined;
}

/** `refresh_token_expires_in`: "the remaining lifetime of the refresh token in seconds". */
function expiresIn(token: { expiresAt?: number } | undefined) {
  if (token?.expiresAt === undefined) return {};
  return {
    refresh_token_expires_in: Math.max(0, Math.round((token.expiresAt - Date.now()) / 1000)),
  };
}

/**
 * A new access token with the grant's scopes, or a subset given as `scope`. Google sends no new
 * refresh token here (https://developers.google.com/identity/protocols/oauth2/web-server#offline).
 */
function refresh(ctx: EmulatorContext, client: EmulatorClient, body: unknown) {
  const value = formField(body, 'refresh_token');
  if (!value) throw invalidRequest('Missing required parameter: refresh_token');
  const token = ctx.grants.findRefreshToken(value);
  const granted = token && ctx.grants.grantedScopes(token.sub, token.clientId);
  if (!token || !granted) throw invalidGrant(REVOKED_DESCRIPTION);
  refreshErrorSetting(ctx);
  if (token.clientId !== client.clientId) {
    throw new EmulatorError(401, 'unauthorized_client', 'Unauthorized');
  }
  const asked = formField(body, 'scope');
  const narrowed = asked === undefined ? undefined : parseScopes(asked);
  if (
    narrowed &&
    (narrowed.invalid.length > 0 || narrowed.scopes.some((s) => !granted.includes(s)))
  ) {
    throw new EmulatorError(400, 'invalid_scope', 'Bad Request');
  }
  const scopes = narrowed?.scopes.length ? narrowed.scopes : granted;
  const access = ctx.grants.issueAccessToken(token.sub, client.clientId, scopes, true);
  return { ...tokenResponse(ctx, access, undefined), ...expiresIn(token) };
}

/**
 * The `refresh_error` setting. `invalid_rapt`: a Workspace session-length policy wants the user
 * to re-authenticate; Google answers `invalid_grant` with `error_subtype: invalid_rapt`
 * (https://support.google.com/a/answer/9368756; the subtype is what google-auth-library and
 * gcloud report: undocumented by the OAuth pages). `invalid_client`: the client is refused
 * (https://developers.google.com/identity/protocols/oauth2/web-server#exchange-errors-invalid-client).
 */
function refreshErrorSetting(ctx: EmulatorContext): void {
  if (ctx.settings.refreshError === 'invalid_rapt') {
    throw new EmulatorError(400, 'invalid_grant', 'reauth related error (invalid_rapt)', {
      error_subtype: 'invalid_rapt',
    });
  }
  if (ctx.settings.refreshError === 'invalid_client') {
    throw new EmulatorError(401, 'invalid_client', 'Unauthorized');
  }
}

function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-cache, no-store, max-age=0, must-revalidate');
  reply.header('pragma', 'no-cache');
}

/** https://oauth2.googleapis.com/token (RFC 6749 §4.1.3 and §6, Google's error bodies). */
export function oauthTokenRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post('/token', async (request, reply) => {
    noStore(reply);
    const grantType = formField(request.body, 'grant_type');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      throw new EmulatorError(
        400,
        'unsupported_grant_type',
        `Invalid grant_type: ${grantType ?? ''}`,
      );
    }
    const client = authenticateClient(ctx, request);
    return grantType === 'authorization_code'
      ? exchangeCode(ctx, client, request.body)
      : refresh(ctx, client, request.body);
  });
}
