import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { POSTMESSAGE, type Prompt } from '../authorization-request.js';
import { issueAuthorizationCode } from '../code-grant.js';
import type { EmulatorContext } from '../emulator.context.js';
import { invalidControlInput } from '../emulator.errors.js';
import { CONTROL_PREFIX } from '../faults.js';
import { parseScopes } from '../oauth-scopes.js';
import { DEFAULT_TEST_USER, findTestUser } from '../test-users.js';
import {
  authorizationCodeBody,
  parseControl,
  refreshTokensBody,
  userRevokeBody,
} from './control.schemas.js';

function knownUser(sub: string) {
  const user = findTestUser(sub);
  if (!user) throw invalidControlInput(`sub: no test account ${sub}`);
  return user;
}

/** Exactly what the consent screen would have produced had the user ticked every scope. */
function mintAuthorizationCode(ctx: EmulatorContext, body: z.output<typeof authorizationCodeBody>) {
  const user = knownUser(body.sub ?? DEFAULT_TEST_USER.sub);
  const client =
    body.client_id === undefined ? ctx.clients.defaultClient : ctx.clients.find(body.client_id);
  if (!client) throw invalidControlInput(`client_id: no such client ${body.client_id}`);
  if (
    body.redirect_uri !== POSTMESSAGE &&
    !ctx.clients.allowsRedirectUri(client, body.redirect_uri)
  ) {
    throw invalidControlInput(`redirect_uri: not registered for ${client.clientId}`);
  }
  const { scopes, invalid } = parseScopes(body.scopes);
  if (invalid.length > 0 || scopes.length === 0) {
    throw invalidControlInput(`scopes: invalid ${invalid.join(' ') || '(none)'}`);
  }
  if (body.code_challenge_method !== undefined && body.code_challenge === undefined) {
    throw invalidControlInput('code_challenge: required with code_challenge_method');
  }
  const request = {
    client,
    redirectUri: body.redirect_uri,
    scopes,
    nonce: body.nonce,
    codeChallenge: body.code_challenge,
    codeChallengeMethod: body.code_challenge_method ?? 'plain',
    offline: body.access_type === 'offline',
    includeGrantedScopes: body.include_granted_scopes,
    prompt: new Set<Prompt>(body.prompt === undefined ? [] : [body.prompt]),
  } as const;
  return issueAuthorizationCode(ctx.grants, request, user.sub, scopes, ctx.settings.returningUser)
    .code.code;
}

/** Live refresh tokens in bulk, for load tests (see `OAuthGrants.issueRefreshTokens`). */
function mintRefreshTokens(ctx: EmulatorContext, body: z.output<typeof refreshTokensBody>) {
  const user = knownUser(body.sub ?? DEFAULT_TEST_USER.sub);
  const client =
    body.client_id === undefined ? ctx.clients.defaultClient : ctx.clients.find(body.client_id);
  if (!client) throw invalidControlInput(`client_id: no such client ${body.client_id}`);
  const { scopes, invalid } = parseScopes(body.scopes);
  if (invalid.length > 0 || scopes.length === 0) {
    throw invalidControlInput(`scopes: invalid ${invalid.join(' ') || '(none)'}`);
  }
  return ctx.grants.issueRefreshTokens(user.sub, client.clientId, scopes, body.count);
}

/** The control API's OAuth part: codes without a browser, "remove app access", grant state. */
export function oauthControlRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const at = (path: string) => `${CONTROL_PREFIX}${path}`;

  app.post(at('authorization-code'), (request) => ({
    code: mintAuthorizationCode(ctx, parseControl(authorizationCodeBody, request.body)),
  }));

  app.post(at('refresh-tokens'), (request) => ({
    refresh_tokens: mintRefreshTokens(ctx, parseControl(refreshTokensBody, request.body)),
  }));

  // The user removes the app at myaccount.google.com → "Third-party apps & services".
  app.post<{ Params: { sub: string } }>(at('users/:sub/revoke'), (request) => {
    const { client_id } = parseControl(userRevokeBody, request.body);
    const user = knownUser(request.params.sub);
    return { revoked_grants: ctx.grants.revokeUser(user.sub, client_id) };
  });

  app.get(at('grants'), () => ({ grants: ctx.grants.list() }));
}
