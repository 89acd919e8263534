import type { AccountServiceView } from '@grantkeeper/service-api';
import { escapeHtml, localTime } from './html.js';
import type { Messages } from './messages.js';

const minute = (moment: Date) => localTime(moment, 'minute');

function renderService(service: AccountServiceView, m: Messages): string {
  const s = m.services;
  const id = escapeHtml(service.clientId);
  const name = escapeHtml(service.name);
  const usage = [
    service.tokensIssued > 0 && service.lastIssuedAt
      ? s.given(service.tokensIssued, minute(service.lastIssuedAt))
      : escapeHtml(s.neverGiven),
    service.requestsRefused > 0 ? escapeHtml(s.refused(service.requestsRefused)) : '',
    // A later request than the last token (a refused one) is worth its own line.
    service.lastRequestAt && service.lastRequestAt.getTime() !== service.lastIssuedAt?.getTime()
      ? s.lastAsked(minute(service.lastRequestAt))
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  const features =
    service.features.length > 0
      ? `<p class="service-features">${s.features(service.features.map(escapeHtml).join(', '))}</p>`
      : '';
  const state =
    service.blocked && service.blockedAt
      ? `<p class="service-state error" data-blocked="true">${s.blockedSince(minute(service.blockedAt))}</p>`
      : `<p class="service-state" data-blocked="false">${escapeHtml(s.allowed)}</p>`;
  // Blocking asks first and says what it stops; unblocking gives back what the user took away.
  const action = service.blocked
    ? `<button type="button" class="button service-switch" data-action="unblock" aria-describedby="service-name-${id}">${escapeHtml(s.unblock)}</button>`
    : `<button type="button" class="button service-switch" data-action="block" aria-describedby="service-name-${id}">${escapeHtml(s.block)}</button>
          <dialog class="service-confirm" aria-labelledby="service-confirm-title-${id}">
            <form method="dialog">
              <h3 id="service-confirm-title-${id}">${s.confirmTitle(name)}</h3>
              <p>${s.confirmText(name)}</p>
              <div class="dialog-actions">
                <button value="cancel" class="button" autofocus>${escapeHtml(s.keepAllowed)}</button>
                <button value="confirm" class="button danger service-confirm-block">${escapeHtml(s.confirmBlock)}</button>
              </div>
            </form>
          </dialog>`;
  return `<li class="service" data-client-id="${id}" data-blocked="${service.blocked}">
          <p class="service-head"><strong class="service-name" id="service-name-${id}">${name}</strong> <span class="service-team">${escapeHtml(s.team(service.team))}</span></p>
          ${features}
          <p class="service-usage">${usage}</p>
          ${state}
          ${action}
        </li>`;
}

/**
 * The "Services using your Google access" part of /account: every service that used or asked
 * for the user's Google access (from the disclosures), with a switch to block one. The script
 * is /assets/account.js.
 */
export function renderServicesSection(
  services: readonly AccountServiceView[],
  m: Messages,
): string {
  const s = m.services;
  const list =
    services.length === 0
      ? `<p id="services-empty" class="notice">${escapeHtml(s.empty)}</p>`
      : `<ul id="services-list" class="services-list">
        ${services.map((service) => renderService(service, m)).join('\n        ')}
      </ul>`;
  return `<section class="services" aria-labelledby="services-title" data-failed="${escapeHtml(s.failed)}">
        <h2 id="services-title">${escapeHtml(s.heading)}</h2>
        <p class="services-lead">${escapeHtml(s.lead)}</p>
        ${list}
        <p class="fine">${escapeHtml(s.fine)}</p>
        <p class="error" role="alert" id="services-error" hidden></p>
      </section>`;
}
