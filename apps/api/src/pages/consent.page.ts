import type { ConsentRequestPage } from '@grantkeeper/service-api';
import type { ConsentMessages } from './consent.messages.js';
import { escapeHtml, layout, localTime } from './html.js';
import type { Messages } from './messages.js';

/** What `/consent/:id` shows: who may see what depends on who is signed in. */
export type ConsentPageState =
  | { readonly kind: 'sign-in'; readonly id: string }
  | { readonly kind: 'wrong-user' }
  | {
      readonly kind: 'request';
      readonly page: ConsentRequestPage;
      /** The scopes the user's grant has now. */
      readonly grantedScopes: readonly string[];
      /** Back from Google without finishing. */
      readonly googleCancelled: boolean;
    };

/**
 * `/consent/:id`: a service's request for more Google scopes. Signed out, only a sign-in (the
 * link reveals nothing of the request); signed in as someone else, only that; signed in as the
 * user asked, the service, its team, the feature, each scope in plain words (new or already
 * allowed), and "Continue to Google" / "Not now" (/assets/consent.js), or the request's end.
 */
export function renderConsentPage(
  state: ConsentPageState,
  m: Messages,
  c: ConsentMessages,
): string {
  const body =
    state.kind === 'sign-in'
      ? signIn(state.id, c)
      : state.kind === 'wrong-user'
        ? `<p class="error" id="consent-wrong-user">${escapeHtml(c.wrongUser)}</p>
      <p>${escapeHtml(c.wrongUserHint)}</p>
      <p><a class="button" href="/account">${escapeHtml(c.toAccount)}</a></p>`
        : request(state, m, c);
  return layout({
    messages: m,
    title: c.title,
    scripts: ['/assets/local-time.js', '/assets/consent.js'],
    bodyData:
      state.kind === 'request'
        ? { 'consent-id': state.page.request.id, 'consent-failed': c.failed }
        : {},
    body: `      <h1>${escapeHtml(c.heading)}</h1>
      ${body}`,
  });
}

function signIn(id: string, c: ConsentMessages): string {
  // The redirect flow signs the visitor in and comes back here.
  const href = `/auth/google?return_to=${encodeURIComponent(`/consent/${id}`)}`;
  return `<p class="lead">${escapeHtml(c.signInLead)}</p>
      <p><a class="button primary" id="consent-sign-in" href="${escapeHtml(href)}">${escapeHtml(c.signIn)}</a></p>`;
}

function request(
  state: Extract<ConsentPageState, { kind: 'request' }>,
  m: Messages,
  c: ConsentMessages,
): string {
  const { request: r, service, feature } = state.page;
  const have = new Set(state.grantedScopes);
  const words = (scope: string) => m.offline.scopeWords[scope] ?? c.scopeWords[scope] ?? undefined;
  const item = (scope: string, tag?: string) => {
    const text = words(scope);
    const label = text ? escapeHtml(text) : `<code>${escapeHtml(scope)}</code>`;
    const badge = tag ? ` <span class="fine">(${escapeHtml(tag)})</span>` : '';
    return `<li data-scope="${escapeHtml(scope)}">${label}${badge}</li>`;
  };
  const intro = `<p class="lead" id="consent-service">${c.asks(escapeHtml(service.name), escapeHtml(service.team))}</p>
      <p id="consent-feature">${c.forFeature(escapeHtml(feature))}</p>`;
  if (r.status === 'pending') {
    const scopes = r.scopes
      .map((scope) => item(scope, have.has(scope) ? c.hasAlready : c.isNew))
      .join('');
    const cancelled = state.googleCancelled
      ? `<p class="notice" role="status" id="consent-google-cancelled">${escapeHtml(c.googleCancelled)}</p>`
      : '';
    return `${cancelled}
      ${intro}
      <p>${escapeHtml(c.scopesLead)}</p>
      <ul id="consent-scopes">${scopes}</ul>
      <p>
        <button type="button" id="consent-continue" class="button primary">${escapeHtml(c.continue)}</button>
        <button type="button" id="consent-decline" class="button">${escapeHtml(c.notNow)}</button>
      </p>
      <p class="fine">${escapeHtml(c.fine)} ${c.expiresOn(localTime(r.expiresAt, 'minute'))}</p>
      <p class="error" role="alert" id="consent-error" hidden></p>`;
  }
  const granted = new Set(r.grantedScopes ?? []);
  const missing = r.scopes.filter((scope) => !granted.has(scope));
  const outcome =
    r.status === 'completed'
      ? missing.length === 0
        ? `<p class="notice" role="status">${escapeHtml(c.completed)}</p>`
        : `<p class="notice" role="status">${escapeHtml(c.completedPartially)}</p>
      <p>${escapeHtml(c.stillMissing)}</p>
      <ul id="consent-missing">${missing.map((scope) => item(scope)).join('')}</ul>`
      : `<p class="notice" role="status">${escapeHtml(r.status === 'declined' ? c.declined : c.expired)}</p>`;
  return `${intro}
      <div id="consent-outcome" data-status="${escapeHtml(r.status)}">
      ${outcome}
      </div>
      <p><a class="button" href="/account">${escapeHtml(c.toAccount)}</a></p>`;
}
