import type { AuthenticatedUser } from '@grantkeeper/identity';
import type { ErrorBody } from '../http/error-body.js';
import { escapeHtml, layout } from './html.js';
import {
  type OfflineAccessSectionOptions,
  renderOfflineAccessSection,
} from './offline-access.section.js';

export interface SignInPageOptions {
  readonly clientId: string;
  readonly gsiClientUrl: string;
  readonly error?: string;
}

/** `/`: Google's branded button (rendered by GIS) and One Tap for returning users. */
export function renderSignInPage(options: SignInPageOptions): string {
  const error = options.error
    ? `<p class="error" role="alert" id="sign-in-error">Sign-in failed (${escapeHtml(options.error)}). Please try again.</p>`
    : '<p class="error" role="alert" id="sign-in-error" hidden></p>';
  return layout({
    title: 'Sign in',
    scripts: ['/assets/sign-in.js', options.gsiClientUrl],
    bodyData: { 'client-id': options.clientId },
    body: `      <h1>Sign in to Grantkeeper</h1>
      <p class="lead">Use your Google account. We only learn your name, email address and picture.</p>
      <div id="google-button" class="google-button" aria-label="Sign in with Google"></div>
      ${error}
      <p class="fine">By signing in you agree that we keep a record of your sign-ins.</p>`,
  });
}

export interface AccountPageOptions {
  readonly user: AuthenticatedUser;
  readonly gsiClientUrl: string;
  readonly clientId: string;
  readonly offlineAccess: OfflineAccessSectionOptions;
}

/** `/account`: who you are, offline access on or off, and the way out. */
export function renderAccountPage({
  user,
  gsiClientUrl,
  clientId,
  offlineAccess,
}: AccountPageOptions): string {
  const picture = user.picture
    ? `<img class="avatar" src="${escapeHtml(user.picture)}" alt="" width="72" height="72">`
    : '';
  const rows: Array<[string, string | null]> = [
    ['Email', user.email],
    ['Email verified', user.emailVerified ? 'yes' : 'no'],
    ['Google account id', user.googleSub],
    ['Workspace domain', user.hd],
    ['Role', user.role],
    ['Member since', user.createdAt.toISOString().slice(0, 10)],
  ];
  const details = rows
    .filter(([, value]) => value !== null)
    .map(([label, value]) => `<dt>${label}</dt><dd>${escapeHtml(value!)}</dd>`)
    .join('\n        ');
  return layout({
    title: 'Your account',
    scripts: ['/assets/account.js', gsiClientUrl],
    bodyData: {
      'client-id': clientId,
      'google-sub': user.googleSub,
      'offline-scopes': ['openid', 'email', 'profile', ...offlineAccess.requestedScopes].join(' '),
    },
    body: `      <header class="profile">
        ${picture}
        <div>
          <h1 id="user-name">${escapeHtml(user.name ?? user.email ?? 'Your account')}</h1>
          <p class="lead">Signed in with Google</p>
        </div>
      </header>
      <dl class="details">
        ${details}
      </dl>
      ${renderOfflineAccessSection(offlineAccess)}
      <button type="button" id="sign-out" class="button">Sign out</button>
      <p class="error" role="alert" id="account-error" hidden></p>`,
  });
}

export function renderErrorPage(error: ErrorBody): string {
  return layout({
    title: 'Error',
    body: `      <h1>Something went wrong</h1>
      <p class="lead">${escapeHtml(error.message)}</p>
      <p class="fine">Error code: <code id="error-code">${escapeHtml(error.error)}</code> (HTTP ${error.statusCode})</p>
      <p><a class="button" href="/">Back to sign-in</a></p>`,
  });
}
