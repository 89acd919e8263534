import { SIGN_IN_SCOPES, scopeLabel } from '../oauth-scopes.js';
import { type TestUser } from '../test-users.js';
import { accountLabel, ACCOUNT_STYLE, hiddenInputs } from './chooser.page.js';
import { GOOGLE_G_LOGO, escapeHtml, htmlPage } from './html.js';

export const CONSENT_ACTION = '/o/oauth2/v2/auth/consent';

export interface ConsentPage {
  /** The app asking, shown as "<site> wants access to your Google Account". */
  site: string;
  user: TestUser;
  scopes: readonly string[];
  /** Flow parameters carried through the form post (the account's `sub` included). */
  fields: Record<string, string>;
}

function scopeItem(scope: string, index: number): string {
  const id = `scope-${index}`;
  const label = `<label for="${id}">${escapeHtml(scopeLabel(scope))}</label>`;
  // Sign-in scopes are not "data access": Google shows them granted and not optional. A disabled
  // checkbox is not submitted, so a hidden field carries them.
  if (SIGN_IN_SCOPES.includes(scope)) {
    return `<li><input type="checkbox" id="${id}" checked disabled>${label}
<input type="hidden" name="granted" value="${escapeHtml(scope)}"></li>`;
  }
  return `<li><input type="checkbox" id="${id}" name="granted" value="${escapeHtml(scope)}" checked>${label}</li>`;
}

/**
 * Google's granular consent screen: one checkbox per requested scope (the user may untick any
 * data-access scope), then Cancel or Allow
 * (https://developers.google.com/identity/protocols/oauth2/resources/granular-permissions).
 */
export function consentPage({ site, user, scopes, fields }: ConsentPage): string {
  return htmlPage({
    title: 'Sign in - Google Accounts',
    style: `${ACCOUNT_STYLE}
main { max-width: 450px; margin: 48px auto; padding: 36px 40px; border: 1px solid #dadce0; border-radius: 8px; }
header { display: flex; align-items: center; gap: 8px; color: #5f6368; font-size: 14px; }
header svg { width: 18px; height: 18px; }
h1 { font-size: 22px; font-weight: 400; margin: 24px 0 8px; }
.account { cursor: default; border: 1px solid #dadce0; border-radius: 16px; width: auto; padding: 4px 12px; }
ul { list-style: none; margin: 16px 0; padding: 0; }
li { display: flex; gap: 12px; align-items: flex-start; padding: 12px 0; border-bottom: 1px solid #e8eaed; font-size: 14px; }
.actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 24px; }
.actions button { height: 36px; padding: 0 24px; border-radius: 4px; font: inherit; font-weight: 500; cursor: pointer; }
.cancel { border: 1px solid #dadce0; background: #fff; color: #1a73e8; }
.allow { border: 0; background: #1a73e8; color: #fff; }`,
    body: `<main>
<header>${GOOGLE_G_LOGO}<span>Sign in with Google</span></header>
<h1 id="title">${escapeHtml(site)} wants access to your Google Account</h1>
<div class="account">${accountLabel(user)}</div>
<form method="post" action="${CONSENT_ACTION}" aria-labelledby="title">
${hiddenInputs({ ...fields, sub: user.sub })}
<p>Select what ${escapeHtml(site)} can access</p>
<ul>
${scopes.map(scopeItem).join('\n')}
</ul>
<div class="actions">
<button class="cancel" type="submit" name="action" value="cancel">Cancel</button>
<button class="allow" type="submit" name="action" value="allow">Allow</button>
</div>
</form>
</main>`,
  });
}
