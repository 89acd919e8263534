import type { AuthenticatedUser } from '@grantkeeper/identity';
import type { ErrorBody } from '../http/error-body.js';
import type { UserTaskView } from '@grantkeeper/scheduler';
import { escapeHtml, layout, localTime } from './html.js';
import type { Messages } from './messages.js';
import type { AccountServiceView } from '@grantkeeper/service-api';
import { renderServicesSection } from './services.section.js';
import { renderNewsDigestSection } from './news-digest.section.js';
import {
  type OfflineAccessSectionOptions,
  renderOfflineAccessSection,
} from './offline-access.section.js';

export interface SignInPageOptions {
  readonly messages: Messages;
  readonly clientId: string;
  readonly gsiClientUrl: string;
  readonly error?: string;
  /** The visitor cancelled Google's consent screen in the redirect flow. */
  readonly consentDenied?: boolean;
  /** `required`: one button signs in and grants offline access (GIS code client). */
  readonly offlineAccess: 'optional' | 'required';
  /** Every scope the code client asks for, sign-in scopes included. */
  readonly codeScopes: readonly string[];
  /** The visitor just signed out: say so, and One Tap does not sign them straight back in. */
  readonly signedOut?: boolean;
}

// Google's "G" logo, as its sign-in branding guidelines require on a custom button:
// https://developers.google.com/identity/branding-guidelines
const GOOGLE_G = `<svg class="gsi-logo" viewBox="0 0 48 48" aria-hidden="true" width="20" height="20">
          <path fill="#EA4335" d="M24 9.5c3.54 0 6.71 1.22 9.21 3.6l6.85-6.85C35.9 2.38 30.47 0 24 0 14.62 0 6.51 5.38 2.56 13.22l7.98 6.19C12.43 13.72 17.74 9.5 24 9.5z"/>
          <path fill="#4285F4" d="M46.98 24.55c0-1.57-.15-3.09-.38-4.55H24v9.02h12.94c-.58 2.96-2.26 5.48-4.78 7.18l7.73 6c4.51-4.18 7.09-10.36 7.09-17.65z"/>
          <path fill="#FBBC05" d="M10.53 28.59c-.48-1.45-.76-2.99-.76-4.59s.27-3.14.76-4.59l-7.98-6.19C.92 16.46 0 20.12 0 24c0 3.88.92 7.54 2.56 10.78l7.97-6.19z"/>
          <path fill="#34A853" d="M24 48c6.48 0 11.93-2.13 15.89-5.81l-7.73-6c-2.15 1.45-4.92 2.3-8.16 2.3-6.26 0-11.57-4.22-13.47-9.91l-7.98 6.19C6.51 42.62 14.62 48 24 48z"/>
        </svg>`;

/** `/`: Google's branded button (rendered by GIS) and One Tap for returning users. */
export function renderSignInPage(options: SignInPageOptions): string {
  const m = options.messages;
  const error = options.error
    ? `<p class="error" role="alert" id="sign-in-error">${escapeHtml(m.signIn.failed(options.error))}</p>`
    : options.consentDenied
      ? `<p class="error" role="alert" id="sign-in-error">${escapeHtml(m.signIn.consentDenied)}</p>`
      : '<p class="error" role="alert" id="sign-in-error" hidden></p>';
  const signedOut = options.signedOut
    ? `<p class="notice" role="status" id="signed-out">${escapeHtml(m.signIn.signedOut)}</p>`
    : '';
  const required = options.offlineAccess === 'required';
  // With offline access required, signing in and consenting are one step: a custom button
  // (Google's branding: white, the "G", "Sign in with Google") starts the code client.
  const button = required
    ? `<button type="button" id="google-code-button" class="gsi-button">
        ${GOOGLE_G}
        <span>${escapeHtml(m.signIn.button)}</span>
      </button>`
    : `<div id="google-button" class="google-button" aria-label="${escapeHtml(m.signIn.button)}"></div>`;
  const lead = required ? m.signIn.leadRequired : m.signIn.leadOptional;
  return layout({
    messages: m,
    title: m.signIn.title,
    scripts: ['/assets/sign-in.js', options.gsiClientUrl],
    bodyData: {
      'client-id': options.clientId,
      'offline-access': options.offlineAccess,
      'code-scopes': options.codeScopes.join(' '),
      // Google's button and One Tap in the page's language (GIS `locale`).
      locale: m.lang,
      'signed-out': String(options.signedOut === true),
      // No automatic sign-in on a page that reports a sign-out, a cancel or a failure: it would
      // carry the user straight off the message (and, after a cancelled consent, back to it).
      'auto-select': String(!options.signedOut && !options.consentDenied && !options.error),
    },
    body: `      <h1>${escapeHtml(m.signIn.heading)}</h1>
      ${signedOut}
      <p class="lead">${escapeHtml(lead)}</p>
      ${button}
      ${error}
      <p class="fine">${escapeHtml(m.signIn.fine)}</p>`,
  });
}

export interface AccountPageOptions {
  readonly messages: Messages;
  readonly user: AuthenticatedUser;
  readonly gsiClientUrl: string;
  readonly clientId: string;
  readonly offlineAccess: OfflineAccessSectionOptions;
  readonly tasks: readonly UserTaskView[];
  /** The services that used or asked for the user's Google access. */
  readonly services?: readonly AccountServiceView[];
}

/** `/account`: who you are, offline access on or off, and the way out. */
export function renderAccountPage({
  messages: m,
  user,
  gsiClientUrl,
  clientId,
  offlineAccess,
  tasks,
  services = [],
}: AccountPageOptions): string {
  const picture = user.picture
    ? `<img class="avatar" src="${escapeHtml(user.picture)}" alt="" width="72" height="72">`
    : '';
  const rows: Array<[string, string | null]> = [
    [m.account.email, user.email],
    [m.account.emailVerified, user.emailVerified ? m.account.yes : m.account.no],
    [m.account.googleSub, user.googleSub],
    [m.account.workspaceDomain, user.hd],
    [m.account.role, user.role],
  ];
  const details = [
    ...rows
      .filter(([, value]) => value !== null)
      .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value!)}</dd>`),
    `<dt>${escapeHtml(m.account.memberSince)}</dt><dd>${localTime(user.createdAt, 'day')}</dd>`,
  ].join('\n        ');
  return layout({
    messages: m,
    title: m.account.title,
    scripts: ['/assets/local-time.js', '/assets/account.js', gsiClientUrl],
    bodyData: {
      'client-id': clientId,
      locale: m.lang,
      'google-sub': user.googleSub,
      'offline-scopes': ['openid', 'email', 'profile', ...offlineAccess.requestedScopes].join(' '),
    },
    body: `      <header class="profile">
        ${picture}
        <div>
          <h1 id="user-name">${escapeHtml(user.name ?? user.email ?? m.account.title)}</h1>
          <p class="lead">${escapeHtml(m.account.signedInWithGoogle)}</p>
        </div>
      </header>
      <dl class="details">
        ${details}
      </dl>
      ${renderOfflineAccessSection(offlineAccess, m)}
      ${renderServicesSection(services, m)}
      ${renderNewsDigestSection(
        m,
        tasks.find((task) => task.name === 'news-digest'),
        offlineAccess.grant.status === 'active',
        offlineAccess.grant.scopes,
      )}
      <button type="button" id="sign-out" class="button">${escapeHtml(m.account.signOut)}</button>
      <p class="error" role="alert" id="account-error" hidden></p>`,
  });
}

export function renderErrorPage(error: ErrorBody, m: Messages): string {
  return layout({
    messages: m,
    title: m.error.title,
    body: `      <h1>${escapeHtml(m.error.heading)}</h1>
      <p class="lead">${escapeHtml(error.message)}</p>
      <p class="fine">${m.error.code(`<code id="error-code">${escapeHtml(error.error)}</code>`, error.statusCode)}</p>
      <p><a class="button" href="/">${escapeHtml(m.error.back)}</a></p>`,
  });
}
