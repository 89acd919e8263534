import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { gsiClientScript } from '../browser/gsi-client.script.js';
import type { EmulatorClient } from '../emulator.config.js';
import type { EmulatorContext } from '../emulator.context.js';
import { readSession, rememberChoice, sessionSetCookie } from '../google-session.js';
import {
  checkSignIn,
  formField,
  parseSignInParams,
  type SignInParams,
  signInFields,
} from '../gsi-flow.js';
import { parseButtonOptions, buttonPage } from '../pages/button.page.js';
import { chooserPage } from '../pages/chooser.page.js';
import { formPostPage, popupDeliveryPage, type CredentialMessage } from '../pages/delivery.page.js';
import { errorPage, invalidRequest } from '../pages/error.page.js';
import { sendHtml } from '../pages/html.js';
import { findTestUser, TEST_USERS, type TestUser } from '../test-users.js';

/**
 * The account was chosen: remember it (and that it approved the client) in the browser's Google
 * session, and mint its ID token for the client, with the page's nonce.
 */
export function signIn(
  ctx: EmulatorContext,
  request: FastifyRequest,
  reply: FastifyReply,
  chosen: { user: TestUser; client: EmulatorClient; params: SignInParams },
): string {
  const session = rememberChoice(
    readSession(request.headers.cookie),
    chosen.user.sub,
    chosen.client.clientId,
  );
  reply.header('set-cookie', sessionSetCookie(session, ctx.publicUrl().startsWith('https:')));
  return ctx.idTokens.forUser({
    user: chosen.user,
    clientId: chosen.client.clientId,
    nonce: chosen.params.nonce,
  });
}

function deliverChoice(
  ctx: EmulatorContext,
  params: SignInParams,
  credential: string,
  reply: FastifyReply,
): FastifyReply {
  if (params.uxMode === 'redirect') {
    const fields = { credential, g_csrf_token: params.csrfToken ?? '', select_by: 'btn' };
    return sendHtml(reply, 200, formPostPage(params.loginUri ?? '', fields));
  }
  const message: CredentialMessage = {
    source: 'gsi-emulator',
    type: 'credential',
    credential,
    select_by: 'btn',
  };
  if (params.channelId === undefined) {
    return sendHtml(reply, 200, popupDeliveryPage(message, params.origin ?? ''));
  }
  // Opened by the button iframe, which lives on the emulator's origin and relays to the page.
  const relayed = { ...message, channel_id: params.channelId };
  return sendHtml(reply, 200, popupDeliveryPage(relayed, new URL(ctx.publicUrl()).origin));
}

export function gsiRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/gsi/client', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(gsiClientScript(new URL(ctx.publicUrl()).origin, { fedcm: ctx.settings.fedcm })),
  );

  // The button iframe. Google answers 403 when the embedding origin is not authorized for the
  // client ("[GSI_LOGGER]: The given origin is not allowed for the given client ID"), so the
  // button never appears on an unregistered site.
  app.get('/gsi/button', async (request, reply) => {
    const params = parseSignInParams(request.query);
    const check = checkSignIn(ctx.clients, { ...params, uxMode: 'popup' });
    if (check.error) {
      return sendHtml(
        reply,
        check.error.error === 'invalid_client' ? 400 : 403,
        errorPage(check.error),
      );
    }
    const flow = signInFields({ ...params, channelId: undefined, csrfToken: undefined });
    const page = buttonPage({
      options: parseButtonOptions(request.query),
      flow,
      targetOrigin: params.origin ?? '',
    });
    return sendHtml(reply, 200, page);
  });

  // The account chooser (popup, or a full page in redirect mode).
  app.get('/gsi/select', async (request, reply) => {
    const params = parseSignInParams(request.query);
    const check = checkSignIn(ctx.clients, params);
    if (check.error) return sendHtml(reply, check.error.status, errorPage(check.error));
    const page = chooserPage({
      action: '/gsi/select',
      site: new URL(params.origin ?? '').host,
      users: TEST_USERS,
      fields: signInFields(params),
    });
    return sendHtml(reply, 200, page);
  });

  app.post('/gsi/select', async (request, reply) => {
    const params = parseSignInParams(request.body);
    const check = checkSignIn(ctx.clients, params);
    if (check.error) return sendHtml(reply, check.error.status, errorPage(check.error));
    const sub = formField(request.body, 'sub');
    const user = sub === undefined ? undefined : findTestUser(sub);
    if (!user) {
      const error = invalidRequest(`No such account: ${sub ?? '(none)'}`);
      return sendHtml(reply, error.status, errorPage(error));
    }
    const credential = signIn(ctx, request, reply, { user, client: check.client, params });
    return deliverChoice(ctx, params, credential, reply);
  });
}
