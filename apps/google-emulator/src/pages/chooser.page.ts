import { type TestUser, avatarPath } from '../test-users.js';
import { GOOGLE_G_LOGO, escapeHtml, htmlPage } from './html.js';

export interface ChooserPage {
  /** Where the choice is posted (same path as the page, like Google's chooser). */
  action: string;
  /** The site asking, shown as "to continue to <site>". */
  site: string;
  users: readonly TestUser[];
  /** Flow parameters carried through the form post. */
  fields: Record<string, string>;
}

export const ACCOUNT_STYLE = `
.account { box-sizing: border-box; display: flex; align-items: center; gap: 12px; width: 100%; padding: 12px 8px; border: 0;
  border-bottom: 1px solid #e8eaed; background: none; font: inherit; text-align: left; cursor: pointer; }
.account:hover, .account:focus-visible { background: #f1f3f4; outline: none; }
.account img { width: 28px; height: 28px; border-radius: 50%; }
.account .name { display: block; font-size: 14px; font-weight: 500; color: #3c4043; }
.account .email { display: block; font-size: 12px; color: #5f6368; }`;

export function accountLabel(user: TestUser): string {
  return `<img src="${avatarPath(user)}" alt="">
<span><span class="name">${escapeHtml(user.name)}</span><span class="email">${escapeHtml(user.email)}</span></span>`;
}

export function hiddenInputs(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('\n');
}

/**
 * Google's account chooser ("Choose an account to continue to <site>"): one button per account,
 * whose accessible name is the account's name and email.
 */
export function chooserPage({ action, site, users, fields }: ChooserPage): string {
  const accounts = users
    .map(
      (user) =>
        `<li><button class="account" type="submit" name="sub" value="${escapeHtml(user.sub)}">${accountLabel(user)}</button></li>`,
    )
    .join('\n');
  return htmlPage({
    title: 'Sign in - Google Accounts',
    style: `${ACCOUNT_STYLE}
main { max-width: 450px; margin: 48px auto; padding: 36px 40px; border: 1px solid #dadce0; border-radius: 8px; }
header { display: flex; align-items: center; gap: 8px; color: #5f6368; font-size: 14px; }
header svg { width: 18px; height: 18px; }
h1 { font-size: 24px; font-weight: 400; margin: 24px 0 4px; }
.site { margin: 0 0 24px; color: #202124; }
.site strong { color: #1a73e8; font-weight: 500; }
ul { list-style: none; margin: 0; padding: 0; border-top: 1px solid #e8eaed; }`,
    body: `<main>
<header>${GOOGLE_G_LOGO}<span>Sign in with Google</span></header>
<h1 id="title">Choose an account</h1>
<p class="site">to continue to <strong>${escapeHtml(site)}</strong></p>
<form method="post" action="${escapeHtml(action)}" aria-labelledby="title">
${hiddenInputs(fields)}
<ul>
${accounts}
</ul>
</form>
</main>`,
  });
}
