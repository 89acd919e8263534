import type { GrantViewDto } from '@grantkeeper/offline-access';
import { escapeHtml } from './html.js';

/** What each scope lets us do, in the words a user should read before granting it. */
const SCOPE_WORDS: Readonly<Record<string, string>> = {
  'https://www.googleapis.com/auth/gmail.send':
    'Send email as you, such as your news digest. It cannot read, change or delete your mail.',
  'https://www.googleapis.com/auth/userinfo.email': 'See your email address.',
  'https://www.googleapis.com/auth/userinfo.profile': 'See your name and profile picture.',
  openid: 'Know that it is you when you come back.',
};

export interface OfflineAccessSectionOptions {
  readonly grant: GrantViewDto;
  /** Google API scopes the deployment asks for (besides the sign-in ones). */
  readonly requestedScopes: readonly string[];
}

function describeScope(scope: string): string {
  const words = SCOPE_WORDS[scope];
  return words ? `<li>${escapeHtml(words)}</li>` : `<li><code>${escapeHtml(scope)}</code></li>`;
}

/** Reconnecting runs the redirect flow again: the same grant, a new refresh token. */
const RECONNECT = '/auth/google?prompt=consent&amp;return_to=%2Faccount';
/** Asked to reconnect this long before Google's expiry of the refresh token. */
const RECONNECT_NOTICE_MS = 2 * 24 * 3600_000;

// What Google asks of the user to keep the grant working: re-authentication (invalid_rapt), or
// a reconnect before a time-limited refresh token dies (refresh_token_expires_in).
function notices(grant: GrantViewDto): string {
  const parts: string[] = [];
  if (grant.reauthRequiredAt) {
    parts.push(
      `<p class="error" id="offline-access-reauth">Your organisation asks you to sign in to Google again before Grantkeeper can work for you. <a href="${RECONNECT}">Sign in again</a>: it keeps your grant and your settings.</p>`,
    );
  }
  if (grant.refreshTokenExpiresAt) {
    const left = Date.parse(grant.refreshTokenExpiresAt) - Date.now();
    const day = escapeHtml(grant.refreshTokenExpiresAt.slice(0, 16).replace('T', ' '));
    parts.push(
      left < RECONNECT_NOTICE_MS
        ? `<p class="error" id="offline-access-expiry" data-soon="true">Google ends this access on ${day} UTC. <a href="${RECONNECT}">Reconnect now</a> to keep it.</p>`
        : `<p class="fine" id="offline-access-expiry" data-soon="false">Google ends this access on ${day} UTC; you will be asked to reconnect before then.</p>`,
    );
  }
  return parts.join('\n');
}

/**
 * The offline-access part of /account: what it is, what it would allow, its state, and the one
 * button that turns it on (GIS code client) or off. The script is /assets/account.js.
 */
export function renderOfflineAccessSection({
  grant,
  requestedScopes,
}: OfflineAccessSectionOptions): string {
  const active = grant.status === 'active';
  const granted = new Set(grant.scopes);
  const missing = requestedScopes.filter((scope) => !granted.has(scope));
  const state = active
    ? `<p id="offline-access-status" data-status="active"><strong>On</strong> since ${escapeHtml(
        grant.createdAt?.slice(0, 10) ?? '',
      )}. Grantkeeper can:</p>
        <ul id="offline-access-scopes">${grant.scopes.map(describeScope).join('')}</ul>`
    : `<p id="offline-access-status" data-status="${grant.status}"><strong>Off</strong>${
        grant.status === 'revoked'
          ? ' (it was switched off or expired)'
          : grant.status === 'suspended'
            ? ' (paused while Google has your account disabled)'
            : ''
      }. Turn it on and Grantkeeper can, while you are away:</p>
        <ul id="offline-access-scopes">${requestedScopes.map(describeScope).join('')}</ul>`;
  const partial =
    active && missing.length > 0
      ? `<p class="fine" id="offline-access-partial">You did not grant everything: some features stay off until you do.</p>
        <button type="button" id="offline-access-complete" class="button primary">Grant the rest at Google</button>`
      : '';
  const action = active
    ? `<button type="button" id="offline-access-disable" class="button">Turn off offline access</button>`
    : `<button type="button" id="offline-access-enable" class="button primary">Enable offline access</button>`;
  return `<section class="offline-access" aria-labelledby="offline-access-title">
        <h2 id="offline-access-title">Offline access</h2>
        ${state}
        ${active ? notices(grant) : ''}
        ${partial}
        ${action}
        <p class="fine">You can turn it off here at any time, or in your Google Account under "Third-party apps &amp; services".</p>
        <p class="error" role="alert" id="offline-access-error" hidden></p>
      </section>`;
}
