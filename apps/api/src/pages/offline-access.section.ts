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
      ? `<p class="fine" id="offline-access-partial">You did not grant everything: some features stay off until you do.</p>`
      : '';
  const action = active
    ? `<button type="button" id="offline-access-disable" class="button">Turn off offline access</button>`
    : `<button type="button" id="offline-access-enable" class="button primary">Enable offline access</button>`;
  return `<section class="offline-access" aria-labelledby="offline-access-title">
        <h2 id="offline-access-title">Offline access</h2>
        ${state}
        ${partial}
        ${action}
        <p class="fine">You can turn it off here at any time, or in your Google Account under "Third-party apps &amp; services".</p>
        <p class="error" role="alert" id="offline-access-error" hidden></p>
      </section>`;
}
