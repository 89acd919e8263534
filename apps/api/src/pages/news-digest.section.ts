import { NEWS, type UserTaskView } from '@grantkeeper/scheduler';
import { escapeHtml, localTime } from './html.js';
import type { Messages } from './messages.js';

/** What the user can do about a pause, given whether offline access is on. */
function resumeHint(reason: string | null, offlineOn: boolean, m: Messages): string {
  if (reason === 'scope_not_granted') {
    return offlineOn ? m.digest.resumeGrantScope : m.digest.resumeEnableScope;
  }
  if (reason === 'grant_suspended') return m.digest.resumeSuspended;
  return offlineOn ? m.digest.resumeNextRun : m.digest.resumeEnable;
}

/** The last run's error code in plain words: what went wrong and what happens next. */
export function describeTaskError(code: string, m: Messages): string {
  if (code === 'gmail_token_refused') return m.digest.error401;
  if (code === 'gmail_rejected') return m.digest.error403;
  if (code === 'gmail_unreachable' || code === 'gmail_unavailable') {
    return m.digest.errorUnreachable;
  }
  return m.digest.errorOther(code);
}

/**
 * The news digest part of /account: pick categories, turn it on or off, see how it went. While
 * offline access is off its settings are disabled, with the reason.
 */
export function renderNewsDigestSection(
  m: Messages,
  task: UserTaskView | undefined,
  offlineOn: boolean,
  grantedScopes: readonly string[] = [],
): string {
  if (!task) return '';
  // Paused for a reason that no longer holds (the user reconnected or granted the scope): the
  // sweep resumes it within moments, so say that rather than what was true before.
  const granted = new Set(grantedScopes);
  const cleared =
    task.state === 'paused' &&
    offlineOn &&
    m.digest.pauseWords[task.pausedReason ?? ''] !== undefined &&
    task.pausedReason !== 'grant_suspended' &&
    task.scopes.every((scope) => granted.has(scope));
  const chosen = new Set((task.settings.categories as string[] | undefined) ?? []);
  const boxes = Object.entries(NEWS)
    .map(
      ([key, { label }]) =>
        `<label class="choice"><input type="checkbox" name="category" value="${escapeHtml(key)}"${
          chosen.has(key) ? ' checked' : ''
        }> ${escapeHtml(m.digest.categories[key] ?? label)}</label>`,
    )
    .join('\n          ');
  let state = escapeHtml(m.digest.off);
  let health = task.enabled ? (task.state === 'paused' ? 'paused' : 'ok') : 'off';
  // Offline access off pauses the digest at once (the runner records it only at the next run).
  const paused = task.enabled && ((task.state === 'paused' && !cleared) || !offlineOn);
  if (paused) health = 'paused';
  if (paused) {
    const reason = offlineOn ? (task.pausedReason ?? '') : 'grant_revoked';
    state = m.digest.paused(
      escapeHtml(m.digest.pauseWords[reason] ?? reason),
      escapeHtml(resumeHint(reason, offlineOn, m)),
    );
  } else if (task.enabled && cleared) {
    health = 'resuming';
    state = escapeHtml(m.digest.resuming);
  } else if (task.enabled && task.lastError && task.lastRunAt && task.consecutiveFailures > 0) {
    health = 'failing';
    const times =
      task.consecutiveFailures > 1 ? m.digest.timesInARow(task.consecutiveFailures) : '';
    state = m.digest.failing(
      times,
      localTime(task.lastRunAt, 'minute'),
      escapeHtml(describeTaskError(task.lastError, m)),
    );
  } else if (task.enabled) {
    const last = task.lastRunAt ? m.digest.lastSent(localTime(task.lastRunAt, 'minute')) : '';
    state = m.digest.on(last);
  }
  const disabled = offlineOn ? '' : ' disabled';
  const hint = offlineOn
    ? ''
    : `<p class="fine" id="news-digest-needs-offline">${escapeHtml(m.digest.needsOffline)}</p>`;
  return `<section class="news-digest" aria-labelledby="news-digest-title">
        <h2 id="news-digest-title">${escapeHtml(m.digest.title)}</h2>
        <p id="news-digest-status" class="${health === 'failing' ? 'error' : ''}" data-enabled="${task.enabled}" data-state="${task.state}" data-health="${health}">${state}</p>
        ${hint}
        <fieldset class="choices" id="news-digest-settings"${disabled}>
          <legend>${escapeHtml(m.digest.legend)}</legend>
          ${boxes}
          <label class="choice toggle"><input type="checkbox" id="news-digest-enabled"${
            task.enabled ? ' checked' : ''
          }> ${escapeHtml(m.digest.emailMe)}</label>
        </fieldset>
        <button type="button" id="news-digest-save" class="button"${disabled}>${escapeHtml(m.digest.save)}</button>
        <p class="error" role="alert" id="news-digest-error" hidden></p>
      </section>`;
}
