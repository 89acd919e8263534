import { escapeHtml, htmlPage, scriptData } from './html.js';

/** What GIS frames post to each other; `source` tells these messages apart from the page's own. */
export interface CredentialMessage {
  source: 'gsi-emulator';
  type: 'credential';
  credential: string;
  select_by: 'btn' | 'user' | 'auto' | 'fedcm' | 'fedcm_auto';
  channel_id?: string;
}

/**
 * The popup's last page: hands the credential to its opener with an exact targetOrigin (the
 * button iframe's origin when a button opened it, else the page's) and closes, as Google's does.
 */
export function popupDeliveryPage(message: CredentialMessage, targetOrigin: string): string {
  return htmlPage({
    title: 'Signing in…',
    body: '<p role="status">Signed in. You can close this window.</p>',
    script: `var message = ${scriptData(message)};
if (window.opener) window.opener.postMessage(message, ${scriptData(targetOrigin)});
window.close();`,
  });
}

/** One Tap's iframe after a choice: hands the credential to the embedding page. */
export function iframeDeliveryPage(message: CredentialMessage, targetOrigin: string): string {
  return htmlPage({
    title: 'Signing in…',
    body: '',
    script: `window.parent.postMessage(${scriptData(message)}, ${scriptData(targetOrigin)});`,
  });
}

/**
 * GIS redirect mode: Google answers with a page that POSTs the credential to the site's
 * login_uri as application/x-www-form-urlencoded (fields credential, g_csrf_token, select_by).
 */
export function formPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('\n');
  return htmlPage({
    title: 'Signing in…',
    body: `<form method="post" action="${escapeHtml(action)}">
${inputs}
<noscript><button type="submit">Continue</button></noscript>
</form>`,
    script: 'document.forms[0].submit();',
  });
}

/** What the authorization popup posts to its opener for `redirect_uri=postmessage`. */
export interface CodeResponseMessage {
  source: 'gsi-emulator';
  type: 'code_response';
  response: Record<string, string>;
}

/**
 * The authorization popup's last page for the GIS code client: posts the code response (or the
 * error) to the opener, only if the opener is on `targetOrigin` (a registered JavaScript origin),
 * then closes.
 */
export function codeDeliveryPage(message: CodeResponseMessage, targetOrigin: string): string {
  return htmlPage({
    title: 'Signing in…',
    body: '<p role="status">You can close this window.</p>',
    script: `var message = ${scriptData(message)};
if (window.opener) window.opener.postMessage(message, ${scriptData(targetOrigin)});
window.close();`,
  });
}
