import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type AuthorizationCheck,
  type AuthorizationError,
  type AuthorizationRequest,
  type AuthorizationTarget,
  checkAuthorization,
  POSTMESSAGE,
} from '../authorization-request.js';
import type { EmulatorContext } from '../emulator.context.js';
import { readSession, rememberChoice, sessionSetCookie, sessionUsers } from '../google-session.js';
import { formField, formValues } from '../gsi-flow.js';
import { issueAuthorizationCode, reconsentsReturningUser } from '../code-grant.js';
import { redirectScope } from '../oauth-scopes.js';
import { chooserPage } from '../pages/chooser.page.js';
import { CONSENT_ACTION, consentPage } from '../pages/consent.page.js';
import { codeDeliveryPage } from '../pages/delivery.page.js';
import { errorPage, invalidRequest } from '../pages/error.page.js';
import { sendHtml } from '../pages/html.js';
import { findTestUser, TEST_USERS, type TestUser } from '../test-users.js';

export const AUTH_PATH = '/o/oauth2/v2/auth';
const CHOOSER_ACTION = `${AUTH_PATH}/oauthchooseaccount`;

/** The answer goes back to the app: a 302 to the redirect URI, or postMessage to the opener. */
function deliver(
  reply: FastifyReply,
  target: AuthorizationTarget,
  result: Record<string, string>,
): FastifyReply {
  const params = target.state === undefined ? result : { ...result, state: target.state };
  if (target.redirectUri === POSTMESSAGE) {
    const message = { source: 'gsi-emulator', type: 'code_response', response: params } as const;
    return sendHtml(reply, 200, codeDeliveryPage(message, target.origin ?? ''));
  }
  const url = new URL(target.redirectUri);
  for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value);
  return reply.header('cache-control', 'no-store').redirect(url.toString(), 302);
}

function deliverError(
  reply: FastifyReply,
  target: AuthorizationTarget,
  { error, description }: AuthorizationError,
): FastifyReply {
  return deliver(reply, target, {
    error,
    ...(description === undefined ? {} : { error_description: description }),
  });
}

/** Answers a request that failed validation. */
function refuse(
  reply: FastifyReply,
  check: Exclude<AuthorizationCheck, { kind: 'ok' }>,
): FastifyReply {
  switch (check.kind) {
    case 'page':
      return sendHtml(reply, check.error.status, errorPage(check.error));
    case 'redirect':
      return deliverError(reply, check.target, check.error);
  }
}

const siteOf = (req: AuthorizationRequest) =>
  new URL(req.redirectUri === POSTMESSAGE ? (req.origin ?? '') : req.redirectUri).host;

// login_hint is an email address or a `sub` (https://developers.google.com/identity/protocols
// /oauth2/web-server#creatingclient, "login_hint").
function hintedUser(hint: string | undefined): TestUser | undefined {
  if (hint === undefined) return undefined;
  return findTestUser(hint) ?? TEST_USERS.find((u) => u.email.toLowerCase() === hint.toLowerCase());
}

export class AuthorizationFlow {
  constructor(private readonly ctx: EmulatorContext) {}

  needsConsent(req: AuthorizationRequest, user: TestUser): boolean {
    const granted = this.ctx.grants.grantedScopes(user.sub, req.client.clientId);
    if (req.prompt.has('consent') || granted === undefined) return true;
    if (reconsentsReturningUser(req, this.ctx.settings.returningUser)) return true;
    return req.scopes.some((scope) => !granted.includes(scope));
  }

  /** Issues the code (see {@link issueAuthorizationCode}) and hands it to the app. */
  complete(reply: FastifyReply, req: AuthorizationRequest, user: TestUser, consented?: string[]) {
    const { code, scopes } = issueAuthorizationCode(
      this.ctx.grants,
      req,
      user.sub,
      consented,
      this.ctx.settings.returningUser,
    );
    return deliver(reply, req, {
      code: code.code,
      scope: redirectScope(scopes),
      authuser: '0',
      prompt: consented ? 'consent' : 'none',
    });
  }

  /** The account is known: remember it in the browser's Google session, then consent. */
  continueAs(
    request: FastifyRequest,
    reply: FastifyReply,
    req: AuthorizationRequest,
    user: TestUser,
  ) {
    // Google keeps an account's approval of a client on the account, not in one browser: an
    // account that granted this client before counts as approved here too (One Tap's automatic
    // sign-in for a returning user), as after a consent on this screen.
    const consentNeeded = this.needsConsent(req, user);
    const session = rememberChoice(
      readSession(request.headers.cookie),
      user.sub,
      consentNeeded ? undefined : req.client.clientId,
    );
    reply.header(
      'set-cookie',
      sessionSetCookie(session, this.ctx.publicUrl().startsWith('https:')),
    );
    if (!consentNeeded) return this.complete(reply, req, user);
    const page = consentPage({ site: siteOf(req), user, scopes: req.scopes, fields: req.fields });
    return sendHtml(reply, 200, page);
  }

  /**
   * `prompt=none`: no UI at all. No signed-in account → login_required; several and no hint →
   * interaction_required; consent missing → consent_required
   * (https://openid.net/specs/openid-connect-core-1_0.html#AuthError).
   */
  silently(request: FastifyRequest, reply: FastifyReply, req: AuthorizationRequest) {
    const accounts = sessionUsers(readSession(request.headers.cookie)).map((a) => a.user);
    const hinted = hintedUser(req.loginHint);
    const candidates = hinted ? accounts.filter((u) => u.sub === hinted.sub) : accounts;
    const [user] = candidates;
    if (!user) return deliverError(reply, req, { error: 'login_required' });
    if (candidates.length > 1) return deliverError(reply, req, { error: 'interaction_required' });
    if (this.needsConsent(req, user))
      return deliverError(reply, req, { error: 'consent_required' });
    return this.complete(reply, req, user);
  }

  start(request: FastifyRequest, reply: FastifyReply, req: AuthorizationRequest) {
    if (req.prompt.has('none')) return this.silently(request, reply, req);
    const hinted = hintedUser(req.loginHint);
    if (hinted && !req.prompt.has('select_account')) {
      return this.continueAs(request, reply, req, hinted);
    }
    // The chooser is always shown otherwise (Google may skip it for a single signed-in account;
    // tests get a predictable page). A hinted account is listed first.
    const users = hinted ? [hinted, ...TEST_USERS.filter((u) => u !== hinted)] : TEST_USERS;
    const page = chooserPage({
      action: CHOOSER_ACTION,
      site: siteOf(req),
      users,
      fields: req.fields,
    });
    return sendHtml(reply, 200, page);
  }

  /** The consent form: Cancel → access_denied; Allow → the ticked scopes (never others). */
  consented(request: FastifyRequest, reply: FastifyReply, req: AuthorizationRequest) {
    const sub = formField(request.body, 'sub');
    const account = sessionUsers(readSession(request.headers.cookie)).find(
      (a) => a.user.sub === sub,
    );
    if (!account) {
      const error = invalidRequest('The account is not signed in to Google in this browser');
      return sendHtml(reply, error.status, errorPage(error));
    }
    const ticked = new Set(formValues(request.body, 'granted'));
    const granted = req.scopes.filter((scope) => ticked.has(scope));
    // Unticking everything and continuing grants nothing: Google reports access_denied.
    if (formField(request.body, 'action') !== 'allow' || granted.length === 0) {
      return deliverError(reply, req, { error: 'access_denied' });
    }
    const session = rememberChoice(
      readSession(request.headers.cookie),
      account.user.sub,
      req.client.clientId,
    );
    reply.header(
      'set-cookie',
      sessionSetCookie(session, this.ctx.publicUrl().startsWith('https:')),
    );
    return this.complete(reply, req, account.user, granted);
  }
}

/** https://accounts.google.com/o/oauth2/v2/auth: account chooser, consent, the code. */
export function oauthAuthorizeRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const flow = new AuthorizationFlow(ctx);

  app.get(AUTH_PATH, async (request, reply) => {
    const check = checkAuthorization(ctx.clients, request.query);
    if (check.kind !== 'ok') return refuse(reply, check);
    return flow.start(request, reply, check.request);
  });

  app.post(CHOOSER_ACTION, async (request, reply) => {
    const check = checkAuthorization(ctx.clients, request.body);
    if (check.kind !== 'ok') return refuse(reply, check);
    const sub = formField(request.body, 'sub');
    const user = sub === undefined ? undefined : findTestUser(sub);
    if (!user) {
      const error = invalidRequest(`No such account: ${sub ?? '(none)'}`);
      return sendHtml(reply, error.status, errorPage(error));
    }
    return flow.continueAs(request, reply, check.request, user);
  });

  app.post(CONSENT_ACTION, async (request, reply) => {
    const check = checkAuthorization(ctx.clients, request.body);
    if (check.kind !== 'ok') return refuse(reply, check);
    return flow.consented(request, reply, check.request);
  });
}
