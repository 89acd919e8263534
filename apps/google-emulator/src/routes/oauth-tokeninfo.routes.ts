import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../emulator.context.js';
import { EmulatorError } from '../emulator.errors.js';
import { formField } from '../gsi-flow.js';
import type { AccessToken } from '../oauth-grants.js';
import { EMAIL_SCOPE, PROFILE_SCOPE, tokenScope } from '../oauth-scopes.js';
import { avatarPath, findTestUser } from '../test-users.js';

/** A parameter from the form body or the query string (Google reads both). */
const param = (request: FastifyRequest, name: string) =>
  formField(request.body, name) ?? formField(request.query, name);

const bearer = (request: FastifyRequest) =>
  /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];

const invalidToken = () => new EmulatorError(400, 'invalid_token', 'Invalid Value');

/** Google's tokeninfo answers every value as a string ("exp": "1712345678", "true"). */
const asStrings = (fields: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );

function accessTokenInfo(access: AccessToken) {
  const user = findTestUser(access.sub);
  const email = user && access.scopes.includes(EMAIL_SCOPE);
  return asStrings({
    azp: access.clientId,
    aud: access.clientId,
    sub: access.sub,
    scope: tokenScope(access.scopes),
    exp: Math.floor(access.expiresAt / 1000),
    expires_in: Math.max(0, Math.floor((access.expiresAt - Date.now()) / 1000)),
    ...(email ? { email: user.email, email_verified: user.emailVerified } : {}),
    access_type: access.offline ? 'offline' : 'online',
  });
}

function tokenInfo(ctx: EmulatorContext, request: FastifyRequest) {
  const idToken = param(request, 'id_token');
  if (idToken !== undefined) {
    const verified = ctx.idTokens.verify(idToken);
    if (!verified) throw invalidToken();
    const { alg, kid, typ } = verified.header;
    return asStrings({ ...verified.claims, alg, kid, typ });
  }
  const accessToken = param(request, 'access_token') ?? bearer(request);
  if (accessToken === undefined) {
    throw new EmulatorError(400, 'invalid_request', 'Either access_token or id_token is required');
  }
  const access = ctx.grants.findAccessToken(accessToken);
  if (!access) throw invalidToken();
  return accessTokenInfo(access);
}

/** OpenID Connect userinfo: email fields with the email scope, name and picture with profile. */
function userInfo(ctx: EmulatorContext, request: FastifyRequest, reply: FastifyReply) {
  const token = bearer(request) ?? formField(request.query, 'access_token');
  const access = token === undefined ? undefined : ctx.grants.findAccessToken(token);
  const user = access && findTestUser(access.sub);
  if (!access || !user) {
    // RFC 6750 §3: a Bearer challenge naming the error.
    reply.header(
      'www-authenticate',
      'Bearer realm="https://accounts.google.com/", error="invalid_token"',
    );
    return reply
      .code(401)
      .send({ error: 'invalid_request', error_description: 'Invalid Credentials' });
  }
  const profile = access.scopes.includes(PROFILE_SCOPE);
  const email = access.scopes.includes(EMAIL_SCOPE);
  return reply.send({
    sub: user.sub,
    ...(profile
      ? {
          name: user.name,
          given_name: user.givenName,
          family_name: user.familyName,
          picture: `${ctx.publicUrl()}${avatarPath(user)}`,
        }
      : {}),
    ...(email ? { email: user.email, email_verified: user.emailVerified } : {}),
    ...(email && user.hd !== undefined ? { hd: user.hd } : {}),
  });
}

export function oauthTokenInfoRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  // https://oauth2.googleapis.com/revoke: either token of a grant ends the whole grant, for
  // every client of its project (OAuthGrants.revokeToken). POST only: Google documents a POST
  // (https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke) and answers
  // a GET with 404. The token may come in the form body or the query string; the call log
  // tells which (`body_fields` / `query`).
  app.route({
    method: 'POST',
    url: '/revoke',
    handler: async (request, reply) => {
      const token = param(request, 'token');
      if (token && ctx.settings.unrevocableTokens) {
        // Google's answer for tokens it refuses to revoke (reported, not documented).
        throw new EmulatorError(400, 'invalid_request', 'Token is not revocable.');
      }
      if (!token)
        throw new EmulatorError(400, 'invalid_request', 'Missing required parameter: token');
      if (!ctx.grants.revokeToken(token)) {
        throw new EmulatorError(400, 'invalid_token', 'Token expired or revoked');
      }
      return reply.send({});
    },
  });

  // https://oauth2.googleapis.com/tokeninfo?access_token= | ?id_token= (also POST, and the
  // Bearer header google-auth-library's getTokenInfo sends).
  app.route({
    method: ['GET', 'POST'],
    url: '/tokeninfo',
    handler: (request) => tokenInfo(ctx, request),
  });

  // Google serves userinfo at www.googleapis.com/oauth2/v3/userinfo and (as the discovery
  // document lists) openidconnect.googleapis.com/v1/userinfo; same answer.
  for (const url of ['/oauth2/v3/userinfo', '/v1/userinfo']) {
    app.route({
      method: ['GET', 'POST'],
      url,
      handler: async (request, reply) => userInfo(ctx, request, reply),
    });
  }
}
