import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator.context.js';
import { EmulatorError, invalidControlInput } from '../emulator.errors.js';
import { CONTROL_PREFIX } from '../faults.js';
import {
  GOOGLE_RISC_ISSUER,
  type RiscEventRequest,
  RISC_EVENT_TYPES,
  signSecurityEvent,
} from '../risc-events.js';
import { parseControl, riscEventBody } from './control.schemas.js';

/** How long the emulator waits for a receiver before reporting the delivery as failed. */
const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * https://accounts.google.com/.well-known/risc-configuration, on the emulator's origin. Google's
 * document names the same JWKS as ID tokens (www.googleapis.com/oauth2/v3/certs): RISC tokens are
 * signed with Google's ordinary signing keys, so the emulator uses its one key set too. The
 * stream-management endpoints Google lists (risc.googleapis.com) are not emulated: the receiver
 * URL comes from the control API or EMULATOR_RISC_RECEIVER_URL instead of `stream:update`.
 */
export function riscConfiguration(base: string) {
  return {
    issuer: GOOGLE_RISC_ISSUER,
    jwks_uri: `${base}/oauth2/v3/certs`,
    delivery_methods_supported: ['https://schemas.openid.net/secevent/risc/delivery-method/push'],
    events_supported: Object.values(RISC_EVENT_TYPES),
  };
}

export function riscRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/.well-known/risc-configuration', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=3600');
    return riscConfiguration(ctx.publicUrl());
  });

  app.post(`${CONTROL_PREFIX}risc/token`, (request) => {
    const { event } = eventRequest(ctx, request.body);
    return signSecurityEvent(ctx.idTokens, event);
  });

  app.post(`${CONTROL_PREFIX}risc/deliver`, async (request) => {
    const { event, receiverUrl } = eventRequest(ctx, request.body);
    if (receiverUrl === undefined) {
      throw invalidControlInput('no receiver_url given and EMULATOR_RISC_RECEIVER_URL is not set');
    }
    const { token, jti } = signSecurityEvent(ctx.idTokens, event);
    revokeUpstream(ctx, event);
    return { jti, status: await deliver(receiverUrl, token), token };
  });
}

function eventRequest(
  ctx: EmulatorContext,
  input: unknown,
): { event: RiscEventRequest; receiverUrl: string | undefined } {
  const body = parseControl(riscEventBody, input);
  const clientId = body.client_id ?? ctx.clients.defaultClient.clientId;
  const event: RiscEventRequest = {
    event: body.event,
    sub: body.sub,
    clientId,
    reason: body.reason,
    jti: body.jti,
    state: body.state,
    refreshToken:
      body.event === 'token-revoked'
        ? (body.token ?? latestRefreshToken(ctx, body.sub, clientId))
        : undefined,
  };
  return { event, receiverUrl: body.receiver_url ?? ctx.config.riscReceiverUrl };
}

function latestRefreshToken(
  ctx: EmulatorContext,
  sub: string,
  clientId: string,
): string | undefined {
  const grant = ctx.grants.list().find((g) => g.sub === sub && g.client_id === clientId);
  return grant?.refresh_token_values.at(-1);
}

// Google sends these events after the fact: the tokens are already dead at Google, so the
// emulator kills its own copies too and a later refresh answers invalid_grant, as it would.
function revokeUpstream(ctx: EmulatorContext, event: RiscEventRequest): void {
  if (event.event === 'tokens-revoked') ctx.grants.revokeUser(event.sub, event.clientId);
  if (event.event === 'token-revoked' && event.refreshToken !== undefined) {
    ctx.grants.revokeToken(event.refreshToken);
  }
}

// Push delivery as RFC 8935 describes and Google uses: one POST per token, the token as the
// whole body. Google retries on anything but 202; the emulator reports the status instead.
async function deliver(url: string, token: string): Promise<number> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/secevent+jwt', accept: 'application/json' },
      body: token,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    throw new EmulatorError(502, 'delivery_failed', `The receiver at ${url} did not answer.`);
  }
}
