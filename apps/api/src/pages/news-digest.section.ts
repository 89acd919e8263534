import { NEWS, type UserTaskView } from '@grantkeeper/scheduler';
import { escapeHtml, localTime } from './html.js';

const PAUSE_WORDS: Readonly<Record<string, string>> = {
  grant_revoked: 'offline access is off',
  grant_not_found: 'offline access is off',
  grant_suspended: 'Google has your account disabled',
  scope_not_granted: 'you did not give Grantkeeper permission to send email for you',
};

/** What the user can do about a pause, given whether offline access is on. */
function resumeHint(reason: string | null, offlineOn: boolean): string {
  if (reason === 'scope_not_granted') {
    return offlineOn
      ? 'It resumes once you grant that permission (the button under Offline access).'
      : 'It resumes when you turn offline access on and allow sending email.';
  }
  if (reason === 'grant_suspended') return 'It resumes when Google enables your account again.';
  return offlineOn ? 'It resumes at its next run.' : 'It resumes when you turn offline access on.';
}

/** The last run's error code in plain words: what went wrong and what happens next. */
export function describeTaskError(code: string): string {
  if (code === 'gmail_http_401') {
    return 'Google refused Grantkeeper’s access to your account, so the digest was not sent. Turn offline access off and on again to reconnect.';
  }
  if (code === 'gmail_http_403') {
    return 'Google did not let Grantkeeper send email for you, so the digest was not sent.';
  }
  if (code === 'gmail_unreachable' || /^gmail_http_(429|5\d\d)$/.test(code)) {
    return 'Gmail could not be reached, so the digest was not sent. It will try again.';
  }
  return `The digest could not be sent (${code}). It will try again.`;
}

/**
 * The news digest part of /account: pick categories, turn it on or off, see how it went. While
 * offline access is off its settings are disabled, with the reason.
 */
export function renderNewsDigestSection(
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
    PAUSE_WORDS[task.pausedReason ?? ''] !== undefined &&
    task.pausedReason !== 'grant_suspended' &&
    task.scopes.every((scope) => granted.has(scope));
  const chosen = new Set((task.settings.categories as string[] | undefined) ?? []);
  const boxes = Object.entries(NEWS)
    .map(
      ([key, { label }]) =>
        `<label class="choice"><input type="checkbox" name="category" value="${escapeHtml(key)}"${
          chosen.has(key) ? ' checked' : ''
        }> ${escapeHtml(label)}</label>`,
    )
    .join('\n          ');
  let state = 'Off.';
  let health = task.enabled ? (task.state === 'paused' ? 'paused' : 'ok') : 'off';
  // Offline access off pauses the digest at once (the runner records it only at the next run).
  const paused = task.enabled && ((task.state === 'paused' && !cleared) || !offlineOn);
  if (paused) health = 'paused';
  if (paused) {
    const reason = offlineOn ? (task.pausedReason ?? '') : 'grant_revoked';
    state = `Paused: ${escapeHtml(PAUSE_WORDS[reason] ?? reason)}. ${escapeHtml(resumeHint(reason, offlineOn))}`;
  } else if (task.enabled && cleared) {
    health = 'resuming';
    state = 'On. It resumes now that Grantkeeper has what it needs.';
  } else if (task.enabled && task.lastError && task.lastRunAt && task.consecutiveFailures > 0) {
    health = 'failing';
    const times =
      task.consecutiveFailures > 1 ? ` (${task.consecutiveFailures} times in a row)` : '';
    state = `On, but the last run failed${times}, ${localTime(task.lastRunAt, 'minute')}: ${escapeHtml(describeTaskError(task.lastError))}`;
  } else if (task.enabled) {
    const last = task.lastRunAt ? ` Last sent ${localTime(task.lastRunAt, 'minute')}.` : '';
    state = `On.${last}`;
  }
  const disabled = offlineOn ? '' : ' disabled';
  const hint = offlineOn
    ? ''
    : '<p class="fine" id="news-digest-needs-offline">These settings are off while offline access is off: the digest is sent while you are away, which needs it. Turn offline access on above first.</p>';
  return `<section class="news-digest" aria-labelledby="news-digest-title">
        <h2 id="news-digest-title">${escapeHtml(task.title)}</h2>
        <p id="news-digest-status" class="${health === 'failing' ? 'error' : ''}" data-enabled="${task.enabled}" data-state="${task.state}" data-health="${health}">${state}</p>
        ${hint}
        <fieldset class="choices" id="news-digest-settings"${disabled}>
          <legend>Categories</legend>
          ${boxes}
          <label class="choice toggle"><input type="checkbox" id="news-digest-enabled"${
            task.enabled ? ' checked' : ''
          }> Email me the digest</label>
        </fieldset>
        <button type="button" id="news-digest-save" class="button"${disabled}>Save</button>
        <p class="error" role="alert" id="news-digest-error" hidden></p>
      </section>`;
}
