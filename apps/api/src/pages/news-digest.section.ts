import { NEWS, type UserTaskView } from '@grantkeeper/scheduler';
import { escapeHtml } from './html.js';

const PAUSE_WORDS: Readonly<Record<string, string>> = {
  grant_revoked: 'offline access is off',
  grant_not_found: 'offline access is off',
  grant_suspended: 'your Google account is suspended',
  scope_not_granted: 'Google did not grant permission to send email',
};

/** The news digest part of /account: pick categories, turn it on or off, see how it went. */
export function renderNewsDigestSection(
  task: UserTaskView | undefined,
  offlineOn: boolean,
): string {
  if (!task) return '';
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
  if (task.enabled && task.state === 'paused') {
    state = `Paused: ${escapeHtml(PAUSE_WORDS[task.pausedReason ?? ''] ?? task.pausedReason ?? '')}. It resumes when you turn offline access back on.`;
  } else if (task.enabled) {
    const last = task.lastRunAt
      ? ` Last sent ${escapeHtml(task.lastRunAt.slice(0, 16).replace('T', ' '))} UTC.`
      : '';
    state = `On.${last}`;
  }
  const hint = offlineOn ? '' : '<p class="fine">Needs offline access: turn it on above first.</p>';
  return `<section class="news-digest" aria-labelledby="news-digest-title">
        <h2 id="news-digest-title">${escapeHtml(task.title)}</h2>
        <p id="news-digest-status" data-enabled="${task.enabled}" data-state="${task.state}">${state}</p>
        <fieldset class="choices">
          <legend>Categories</legend>
          ${boxes}
        </fieldset>
        <label class="choice toggle"><input type="checkbox" id="news-digest-enabled"${
          task.enabled ? ' checked' : ''
        }> Email me the digest</label>
        ${hint}
        <button type="button" id="news-digest-save" class="button">Save</button>
        <p class="error" role="alert" id="news-digest-error" hidden></p>
      </section>`;
}
