import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator.context.js';
import { CONTROL_PREFIX } from '../faults.js';
import { DEFAULT_TEST_USER } from '../test-users.js';
import { oauthControlRoutes } from './oauth-control.routes.js';
import {
  callsQuery,
  faultBody,
  idTokenBody,
  parseControl,
  rotateBody,
  settingsBody,
} from './control.schemas.js';

/**
 * The test-control API: only the emulator has it (Google does not). Exempt from faults and from
 * the call log, so tests can steer the emulator while "Google" is failing.
 */
export function controlRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const at = (path: string) => `${CONTROL_PREFIX}${path}`;

  app.post(at('id-token'), (request) => {
    const { claims = {}, header = {}, as = 'user' } = parseControl(idTokenBody, request.body);
    const clientId = ctx.clients.defaultClient.clientId;
    const defaults =
      as === 'user'
        ? ctx.idTokens.claimsFor({ user: DEFAULT_TEST_USER, clientId })
        : ctx.idTokens.serviceAccountClaims(clientId, as === 'compute_engine');
    return { id_token: ctx.idTokens.sign({ ...defaults, ...claims }, header) };
  });

  app.get(at('keys'), () => ctx.keys.state());
  app.post(at('keys/rotate'), async (request) => {
    const { step } = parseControl(rotateBody, request.body);
    return ctx.keys.rotate(step);
  });

  app.get(at('faults'), () => ({ faults: ctx.faults.list() }));
  app.post(at('faults'), async (request, reply) => {
    const fault = parseControl(faultBody, request.body);
    const added = ctx.faults.add({
      path: fault.path,
      method: fault.method,
      status: fault.status,
      body: fault.body,
      contentType: fault.content_type,
      headers: fault.headers,
      delayMs: fault.delay_ms,
      hang: fault.hang,
      times: fault.times,
    });
    return reply.code(201).send(added);
  });
  app.delete(at('faults'), async (_request, reply) => {
    ctx.faults.clear();
    return reply.code(204).send();
  });

  app.get(at('calls'), (request) => {
    const { path } = parseControl(callsQuery, request.query);
    return { calls: ctx.calls.list(path) };
  });
  app.delete(at('calls'), async (_request, reply) => {
    ctx.calls.clear();
    return reply.code(204).send();
  });

  const settings = () => ({
    certs_max_age: ctx.settings.certsMaxAgeSeconds,
    access_token_lifetime: ctx.settings.accessTokenLifetimeSeconds,
    code_lifetime: ctx.settings.codeLifetimeSeconds,
    publishing_status: ctx.settings.publishingStatus,
    time_based_access: ctx.settings.timeBasedAccessSeconds,
    unrevocable_tokens: ctx.settings.unrevocableTokens,
    refresh_error: ctx.settings.refreshError,
    fedcm: ctx.settings.fedcm,
    returning_user: ctx.settings.returningUser,
  });
  app.get(at('settings'), settings);
  app.post(at('settings'), (request) => {
    const body = parseControl(settingsBody, request.body);
    ctx.settings.certsMaxAgeSeconds = body.certs_max_age ?? ctx.settings.certsMaxAgeSeconds;
    ctx.settings.accessTokenLifetimeSeconds =
      body.access_token_lifetime ?? ctx.settings.accessTokenLifetimeSeconds;
    ctx.settings.codeLifetimeSeconds = body.code_lifetime ?? ctx.settings.codeLifetimeSeconds;
    ctx.settings.publishingStatus = body.publishing_status ?? ctx.settings.publishingStatus;
    if (body.time_based_access !== undefined) {
      ctx.settings.timeBasedAccessSeconds = body.time_based_access;
    }
    ctx.settings.unrevocableTokens = body.unrevocable_tokens ?? ctx.settings.unrevocableTokens;
    ctx.settings.refreshError = body.refresh_error ?? ctx.settings.refreshError;
    ctx.settings.fedcm = body.fedcm ?? ctx.settings.fedcm;
    ctx.settings.returningUser = body.returning_user ?? ctx.settings.returningUser;
    return settings();
  });

  oauthControlRoutes(app, ctx);

  app.post(at('reset'), async (_request, reply) => {
    await ctx.reset();
    return reply.code(204).send();
  });
}
