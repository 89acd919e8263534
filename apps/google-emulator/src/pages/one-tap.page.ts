import type { TestUser } from '../test-users.js';
import { ACCOUNT_STYLE, accountLabel, hiddenInputs } from './chooser.page.js';
import { GOOGLE_G_LOGO, escapeHtml, htmlPage, parentMessengerScript, scriptData } from './html.js';

/** Reasons GIS reports through PromptMomentNotification.getNotDisplayedReason(). */
export type NotDisplayedReason =
  'invalid_client' | 'missing_client_id' | 'opt_out_or_no_session' | 'unregistered_origin';

export type PromptNotice =
  | { type: 'prompt_not_displayed'; reason: NotDisplayedReason }
  | { type: 'prompt_skipped'; reason: 'issuing_failed' };

/** One Tap will not (or can no longer) show: tells the page why; it then removes the iframe. */
export function promptNoticePage(notice: PromptNotice, targetOrigin: string): string {
  return htmlPage({
    title: 'Sign in with Google',
    body: '',
    script: URL.canParse(targetOrigin)
      ? `${parentMessengerScript(targetOrigin)}\nsend(${scriptData(notice)});`
      : '',
  });
}

export interface OneTapCard {
  title: string;
  users: readonly TestUser[];
  fields: Record<string, string>;
  targetOrigin: string;
}

/**
 * The One Tap card: "Sign in to <site> with Google", the signed-in accounts with "Continue as
 * <given name>", and a close button (which GIS reports as a skipped moment, reason user_cancel).
 */
export function oneTapCardPage({ title, users, fields, targetOrigin }: OneTapCard): string {
  const accounts = users
    .map(
      (user) => `<form method="post" action="/gsi/iframe/select">
${hiddenInputs(fields)}<input type="hidden" name="sub" value="${escapeHtml(user.sub)}">
<div class="account">${accountLabel(user)}</div>
<button class="continue" type="submit">Continue as ${escapeHtml(user.givenName)}</button>
</form>`,
    )
    .join('\n');
  return htmlPage({
    title: 'Sign in with Google',
    style: `${ACCOUNT_STYLE}
body { background: #fff; }
.card { border: 1px solid #dadce0; border-radius: 8px; padding: 12px 16px 16px; box-shadow: 0 1px 3px rgba(60,64,67,.3); }
header { display: flex; align-items: center; gap: 8px; font-size: 14px; color: #3c4043; }
header svg { width: 18px; height: 18px; }
header h1 { flex: 1; margin: 0; font-size: 14px; font-weight: 500; }
.close { border: 0; background: none; font-size: 20px; color: #5f6368; cursor: pointer; }
.account { cursor: default; }
.continue { width: 100%; height: 36px; border: 0; border-radius: 4px; background: #1a73e8; color: #fff;
  font: inherit; font-weight: 500; cursor: pointer; }`,
    body: `<div class="card" role="dialog" aria-labelledby="title">
<header>${GOOGLE_G_LOGO}<h1 id="title">${escapeHtml(title)}</h1>
<button class="close" type="button" aria-label="Close">×</button></header>
${accounts}
</div>`,
    script: `${parentMessengerScript(targetOrigin)}
send({ type: 'prompt_displayed' });
send({ type: 'resize', height: document.documentElement.scrollHeight });
document.querySelector('.close').addEventListener('click', function () {
  send({ type: 'prompt_skipped', reason: 'user_cancel' });
});`,
  });
}

/**
 * FedCM's auto-reauthentication: the browser names the returning account ("Signing you in as
 * …") for a moment the user can cancel, then hands over the credential (select_by fedcm_auto).
 * https://developer.chrome.com/blog/fedcm-auto-reauthn; Google's side:
 * https://developers.google.com/identity/gsi/web/guides/automatic-sign-in-sign-out
 */
export function fedcmAutoSignInPage({
  title,
  user,
  fields,
  targetOrigin,
  delayMs,
}: Omit<OneTapCard, 'users'> & { user: TestUser; delayMs: number }): string {
  return htmlPage({
    title: 'Sign in with Google',
    style: `${ACCOUNT_STYLE}
body { background: #fff; }
.card { border: 1px solid #dadce0; border-radius: 8px; padding: 12px 16px 16px; box-shadow: 0 1px 3px rgba(60,64,67,.3); }
header { display: flex; align-items: center; gap: 8px; font-size: 14px; color: #3c4043; }
header svg { width: 18px; height: 18px; }
header h1 { flex: 1; margin: 0; font-size: 14px; font-weight: 500; }
.cancel { border: 0; background: none; color: #1a73e8; font: inherit; font-weight: 500; cursor: pointer; }`,
    body: `<div class="card" role="dialog" aria-labelledby="title">
<header>${GOOGLE_G_LOGO}<h1 id="title">${escapeHtml(title)}</h1></header>
<form method="post" action="/gsi/iframe/select" id="auto">
${hiddenInputs(fields)}<input type="hidden" name="sub" value="${escapeHtml(user.sub)}">
<input type="hidden" name="auto" value="true">
<div class="account">${accountLabel(user)}</div>
<p role="status">Signing you in as ${escapeHtml(user.givenName)}…</p>
<button class="cancel" type="button">Cancel</button>
</form>
</div>`,
    script: `${parentMessengerScript(targetOrigin)}
send({ type: 'prompt_displayed' });
send({ type: 'resize', height: document.documentElement.scrollHeight });
var timer = setTimeout(function () { document.getElementById('auto').submit(); }, ${delayMs});
document.querySelector('.cancel').addEventListener('click', function () {
  clearTimeout(timer);
  send({ type: 'prompt_skipped', reason: 'user_cancel' });
});`,
  });
}
