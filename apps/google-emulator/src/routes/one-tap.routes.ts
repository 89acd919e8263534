import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EmulatorContext } from '../emulator.context.js';
import { readSession, sessionUsers } from '../google-session.js';
import {
  checkSignIn,
  contextTitle,
  formField,
  parseSignInParams,
  type SignInCheck,
  type SignInParams,
  signInFields,
} from '../gsi-flow.js';
import { iframeDeliveryPage } from '../pages/delivery.page.js';
import { sendHtml } from '../pages/html.js';
import {
  fedcmAutoSignInPage,
  oneTapCardPage,
  type PromptNotice,
  promptNoticePage,
} from '../pages/one-tap.page.js';
import { signIn } from './gsi.routes.js';

/**
 * How long FedCM's "Signing you in…" notice stays before the credential goes out. Chrome
 * documents a cancellable notice, not its length; a few seconds, like Chrome's.
 */
export const FEDCM_AUTO_SIGN_IN_DELAY_MS = 3000;

const notice = (reply: FastifyReply, message: PromptNotice, params: SignInParams) =>
  sendHtml(reply, 200, promptNoticePage(message, params.origin ?? ''));

function notDisplayedReason(params: SignInParams, check: SignInCheck) {
  if (params.clientId === undefined) return 'missing_client_id';
  if (!check.error) return undefined;
  return check.error.error === 'invalid_client' ? 'invalid_client' : 'unregistered_origin';
}

/** One Tap: the iframe google.accounts.id.prompt() inserts at the top right of the page. */
export function oneTapRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/gsi/iframe/select', async (request, reply) => {
    const params = { ...parseSignInParams(request.query), uxMode: 'popup' as const };
    const check = checkSignIn(ctx.clients, params);
    const reason = notDisplayedReason(params, check);
    if (reason !== undefined || check.error) {
      return notice(
        reply,
        { type: 'prompt_not_displayed', reason: reason ?? 'invalid_client' },
        params,
      );
    }
    const accounts = sessionUsers(readSession(request.headers.cookie));
    if (accounts.length === 0) {
      return notice(
        reply,
        { type: 'prompt_not_displayed', reason: 'opt_out_or_no_session' },
        params,
      );
    }
    // Auto sign-in only for a returning user: exactly one Google session, which has already
    // approved this client, and the site asked for auto_select (and did not disableAutoSelect()).
    const [only] = accounts;
    const returning =
      params.autoSelect && accounts.length === 1 && only?.approved.includes(check.client.clientId);
    if (returning && params.fedcm) {
      // FedCM: the browser names the account for a moment the user can cancel, then signs in.
      const page = fedcmAutoSignInPage({
        title: contextTitle(params),
        user: only.user,
        fields: { ...signInFields(params), auto_select: 'true' },
        targetOrigin: params.origin ?? '',
        delayMs: FEDCM_AUTO_SIGN_IN_DELAY_MS,
      });
      return sendHtml(reply, 200, page);
    }
    if (returning) {
      const credential = signIn(ctx, request, reply, {
        user: only.user,
        client: check.client,
        params,
      });
      const message = {
        source: 'gsi-emulator',
        type: 'credential',
        credential,
        select_by: 'auto',
      } as const;
      return sendHtml(reply, 200, iframeDeliveryPage(message, params.origin ?? ''));
    }
    const page = oneTapCardPage({
      title: contextTitle(params),
      users: accounts.map((account) => account.user),
      fields: signInFields(params),
      targetOrigin: params.origin ?? '',
    });
    return sendHtml(reply, 200, page);
  });

  app.post('/gsi/iframe/select', async (request, reply) => {
    const params = { ...parseSignInParams(request.body), uxMode: 'popup' as const };
    const check = checkSignIn(ctx.clients, params);
    const sub = formField(request.body, 'sub');
    const account = sessionUsers(readSession(request.headers.cookie)).find(
      (a) => a.user.sub === sub,
    );
    // Google reports a session that vanished between display and choice as issuing_failed.
    if (check.error || !account) {
      return notice(reply, { type: 'prompt_skipped', reason: 'issuing_failed' }, params);
    }
    // The auto-reauthentication notice submits with auto=true; it only counts as automatic for
    // a session that had approved this client already.
    const automatic =
      params.fedcm &&
      params.autoSelect &&
      formField(request.body, 'auto') === 'true' &&
      account.approved.includes(check.client.clientId);
    const credential = signIn(ctx, request, reply, {
      user: account.user,
      client: check.client,
      params,
    });
    // https://developers.google.com/identity/gsi/web/reference/js-reference#select_by
    const message = {
      source: 'gsi-emulator',
      type: 'credential',
      credential,
      select_by: params.fedcm ? (automatic ? 'fedcm_auto' : 'fedcm') : 'user',
    } as const;
    return sendHtml(reply, 200, iframeDeliveryPage(message, params.origin ?? ''));
  });
}
