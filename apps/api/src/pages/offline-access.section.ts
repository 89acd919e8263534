import type { GrantViewDto } from '@grantkeeper/offline-access';
import { escapeHtml, localTime } from './html.js';

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
  /** Who ended a revoked grant (`user:<id>`, `admin:<id>`, `google`, `system`, …). */
  readonly revokedBy?: string | null;
}

/** What each scope is needed for, for the partial-consent line. */
const SCOPE_FEATURES: Readonly<Record<string, string>> = {
  'https://www.googleapis.com/auth/gmail.send': 'the news digest (sending it to you by email)',
};

const day = (iso: string | null | undefined) => (iso ? localTime(iso, 'day') : '');

/** Google's reasons for ending a grant, in plain words. */
function googleReason(reason: string | null | undefined): string {
  if (reason?.startsWith('risc_')) {
    return 'Google told us your account’s access was withdrawn (for example after a password change or a security check).';
  }
  return 'Google no longer accepts it: you may have removed Grantkeeper in your Google Account, or the permission expired.';
}

/** Why a revoked grant is off: you, an administrator, Google, or expiry. */
function offReason(grant: GrantViewDto, revokedBy: string | null | undefined): string {
  if (grant.status === 'suspended') return 'Paused while Google has your account disabled.';
  if (grant.status !== 'revoked') return '';
  const when = day(grant.revokedAt);
  const by = revokedBy ?? '';
  if (by.startsWith('user:')) return `You switched it off on ${when}.`;
  if (by.startsWith('admin:')) {
    const reason = grant.revocationReason
      ? ` The reason given: “${escapeHtml(grant.revocationReason)}”.`
      : '';
    return `An administrator turned it off on ${when}.${reason} You can turn it on again; ask them if you are unsure.`;
  }
  if (by === 'google')
    return `Google ended it on ${when}. ${escapeHtml(googleReason(grant.revocationReason))}`;
  return `It ended on ${when} (it expired or was withdrawn).`;
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
    const day = localTime(grant.refreshTokenExpiresAt, 'minute');
    parts.push(
      left < RECONNECT_NOTICE_MS
        ? `<p class="error" id="offline-access-expiry" data-soon="true">Google ends this access on ${day}. <a href="${RECONNECT}">Reconnect now</a> to keep it.</p>`
        : `<p class="fine" id="offline-access-expiry" data-soon="false">Google ends this access on ${day}; you will be asked to reconnect before then.</p>`,
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
  revokedBy,
}: OfflineAccessSectionOptions): string {
  const active = grant.status === 'active';
  const granted = new Set(grant.scopes);
  const missing = requestedScopes.filter((scope) => !granted.has(scope));
  const why = offReason(grant, revokedBy);
  const state = active
    ? `<p id="offline-access-status" data-status="active"><strong>On</strong> since ${day(
        grant.createdAt,
      )}. Grantkeeper can:</p>
        <ul id="offline-access-scopes">${grant.scopes.map(describeScope).join('')}</ul>`
    : `<p id="offline-access-status" data-status="${grant.status}" data-revoked-by="${escapeHtml(
        (revokedBy ?? '').split(':')[0] ?? '',
      )}"><strong>Off</strong>.${why ? ` <span id="offline-access-off-reason">${why}</span>` : ''}</p>
        <p>Turn it on and Grantkeeper can, while you are away:</p>
        <ul id="offline-access-scopes">${requestedScopes.map(describeScope).join('')}</ul>`;
  // Incremental authorization: ask Google for just the missing scopes; include_granted_scopes
  // keeps the ones already granted in the same grant.
  // https://developers.google.com/identity/protocols/oauth2/web-server#incrementalAuth
  const partial =
    active && missing.length > 0
      ? `<div id="offline-access-partial" class="notice">
          <p>You did not grant everything, so ${missing
            .map((scope) => escapeHtml(SCOPE_FEATURES[scope] ?? scope))
            .join(' and ')} stays off. Grantkeeper would also be able to:</p>
          <ul>${missing.map(describeScope).join('')}</ul>
          <button type="button" id="offline-access-grant-missing" class="button primary" data-scopes="${escapeHtml(
            missing.join(' '),
          )}">Grant the missing permission</button>
        </div>`
      : '';
  const action = active
    ? `<button type="button" id="offline-access-disable" class="button">Turn off offline access</button>
        <dialog id="offline-access-confirm" aria-labelledby="offline-access-confirm-title">
          <form method="dialog">
            <h3 id="offline-access-confirm-title">Turn off offline access?</h3>
            <p>Grantkeeper stops acting for you while you are away: your news digest is no longer sent, and Google is told to forget the permission. You can turn it on again at any time.</p>
            <div class="dialog-actions">
              <button value="cancel" class="button" autofocus>Keep it on</button>
              <button value="confirm" id="offline-access-confirm-off" class="button danger">Turn off</button>
            </div>
          </form>
        </dialog>`
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
