import type { GrantViewDto } from '@grantkeeper/offline-access';
import { escapeHtml, localTime } from './html.js';
import type { Messages } from './messages.js';

export interface OfflineAccessSectionOptions {
  readonly grant: GrantViewDto;
  /** Google API scopes the deployment asks for (besides the sign-in ones). */
  readonly requestedScopes: readonly string[];
  /** Who ended a revoked grant (`user:<id>`, `admin:<id>`, `google`, `system`, …). */
  readonly revokedBy?: string | null;
}

const day = (iso: string | null | undefined) => (iso ? localTime(iso, 'day') : '');

/** Google's reasons for ending a grant, in plain words. */
function googleReason(reason: string | null | undefined, m: Messages): string {
  return reason?.startsWith('risc_') ? m.offline.googleReasonRisc : m.offline.googleReasonOther;
}

/** Why a revoked grant is off: you, an administrator, Google, or expiry. */
function offReason(grant: GrantViewDto, revokedBy: string | null | undefined, m: Messages): string {
  if (grant.status === 'suspended') return escapeHtml(m.offline.suspended);
  if (grant.status !== 'revoked') return '';
  const when = day(grant.revokedAt);
  const by = revokedBy ?? '';
  if (by.startsWith('user:')) return m.offline.offByUser(when);
  if (by.startsWith('admin:')) {
    const reason = grant.revocationReason
      ? m.offline.adminReason(escapeHtml(grant.revocationReason))
      : '';
    return m.offline.offByAdmin(when, reason);
  }
  if (by === 'google')
    return m.offline.offByGoogle(when, escapeHtml(googleReason(grant.revocationReason, m)));
  return m.offline.offOther(when);
}

function describeScope(scope: string, m: Messages): string {
  const words = m.offline.scopeWords[scope];
  return words ? `<li>${escapeHtml(words)}</li>` : `<li><code>${escapeHtml(scope)}</code></li>`;
}

/** Reconnecting runs the redirect flow again: the same grant, a new refresh token. */
const RECONNECT = '/auth/google?prompt=consent&amp;return_to=%2Faccount';
/** Asked to reconnect this long before Google's expiry of the refresh token. */
const RECONNECT_NOTICE_MS = 2 * 24 * 3600_000;

// What Google asks of the user to keep the grant working: re-authentication (invalid_rapt), or
// a reconnect before a time-limited refresh token dies (refresh_token_expires_in).
function notices(grant: GrantViewDto, m: Messages): string {
  const parts: string[] = [];
  if (grant.reauthRequiredAt) {
    parts.push(`<p class="error" id="offline-access-reauth">${m.offline.reauth(RECONNECT)}</p>`);
  }
  if (grant.refreshTokenExpiresAt) {
    const left = Date.parse(grant.refreshTokenExpiresAt) - Date.now();
    const day = localTime(grant.refreshTokenExpiresAt, 'minute');
    parts.push(
      left < RECONNECT_NOTICE_MS
        ? `<p class="error" id="offline-access-expiry" data-soon="true">${m.offline.expirySoon(day, RECONNECT)}</p>`
        : `<p class="fine" id="offline-access-expiry" data-soon="false">${m.offline.expiryLater(day)}</p>`,
    );
  }
  return parts.join('\n');
}

/**
 * The offline-access part of /account: what it is, what it would allow, its state, and the one
 * button that turns it on (GIS code client) or off. The script is /assets/account.js.
 */
export function renderOfflineAccessSection(
  { grant, requestedScopes, revokedBy }: OfflineAccessSectionOptions,
  m: Messages,
): string {
  const describe = (scope: string) => describeScope(scope, m);
  const active = grant.status === 'active';
  const granted = new Set(grant.scopes);
  const missing = requestedScopes.filter((scope) => !granted.has(scope));
  const why = offReason(grant, revokedBy, m);
  const state = active
    ? `<p id="offline-access-status" data-status="active">${m.offline.onSince(day(grant.createdAt))}</p>
        <ul id="offline-access-scopes">${grant.scopes.map(describe).join('')}</ul>`
    : `<p id="offline-access-status" data-status="${grant.status}" data-revoked-by="${escapeHtml(
        (revokedBy ?? '').split(':')[0] ?? '',
      )}">${m.offline.offState}${why ? ` <span id="offline-access-off-reason">${why}</span>` : ''}</p>
        <p>${escapeHtml(m.offline.turnOnLead)}</p>
        <ul id="offline-access-scopes">${requestedScopes.map(describe).join('')}</ul>`;
  // Incremental authorization: ask Google for just the missing scopes; include_granted_scopes
  // keeps the ones already granted in the same grant.
  // https://developers.google.com/identity/protocols/oauth2/web-server#incrementalAuth
  const partial =
    active && missing.length > 0
      ? `<div id="offline-access-partial" class="notice">
          <p>${m.offline.partial(
            missing
              .map((scope) => escapeHtml(m.offline.scopeFeatures[scope] ?? scope))
              .join(m.offline.and),
          )}</p>
          <ul>${missing.map(describe).join('')}</ul>
          <button type="button" id="offline-access-grant-missing" class="button primary" data-scopes="${escapeHtml(
            missing.join(' '),
          )}">${escapeHtml(m.offline.grantMissing)}</button>
        </div>`
      : '';
  const action = active
    ? `<button type="button" id="offline-access-disable" class="button">${escapeHtml(m.offline.turnOff)}</button>
        <dialog id="offline-access-confirm" aria-labelledby="offline-access-confirm-title">
          <form method="dialog">
            <h3 id="offline-access-confirm-title">${escapeHtml(m.offline.confirmTitle)}</h3>
            <p>${escapeHtml(m.offline.confirmText)}</p>
            <div class="dialog-actions">
              <button value="cancel" class="button" autofocus>${escapeHtml(m.offline.keepOn)}</button>
              <button value="confirm" id="offline-access-confirm-off" class="button danger">${escapeHtml(m.offline.confirmOff)}</button>
            </div>
          </form>
        </dialog>`
    : `<button type="button" id="offline-access-enable" class="button primary">${escapeHtml(m.offline.enable)}</button>`;
  return `<section class="offline-access" aria-labelledby="offline-access-title">
        <h2 id="offline-access-title">${escapeHtml(m.offline.heading)}</h2>
        ${state}
        ${active ? notices(grant, m) : ''}
        ${partial}
        ${action}
        <p class="fine">${m.offline.fine}</p>
        <p class="error" role="alert" id="offline-access-error" hidden></p>
      </section>`;
}
