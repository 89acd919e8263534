// The sign-in page.
//
// OFFLINE_ACCESS=optional: Google's button and One Tap hand us an ID token (`credential`) that
// we POST as JSON; the server answers with a session cookie and we go to /account.
//
// OFFLINE_ACCESS=required: nobody gets a session without a live grant. One button runs the GIS
// code client (the ID token in the token response identifies the user), so signing in and
// granting offline access are one step. One Tap's credential only names the returning user: we
// hand it to the redirect flow as login_hint, which signs them in once their grant is proven
// (Google answers at once when it remembers the consent) or asks for consent again. A popup is
// only ever opened by a click of its own: whenever Google must be asked again after an answer
// came back (consent_required), we go there by redirect, where prompt=consent is documented
// (https://developers.google.com/identity/protocols/oauth2/web-server#creatingclient); the code
// client has no prompt option (https://developers.google.com/identity/oauth2/web/reference
// /js-reference#CodeClientConfig).
'use strict';

(function () {
  const data = document.body.dataset;
  // The page's words, in its language (apps/api/src/pages/messages.ts, `client`).
  const t = JSON.parse(data.messages);
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  const required = data.offlineAccess === 'required';
  // Just signed out, cancelled or failed: One Tap may offer the account but must not sign it
  // straight back in (and carry the user off the message).
  const autoSelect = data.autoSelect === 'true';
  const errorBox = document.getElementById('sign-in-error');
  const codeButton = document.getElementById('google-code-button');
  let started = false;

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  // Google's library did not load (Google or the network is down): say so, offer a retry.
  function showGoogleUnavailable() {
    showError(t.googleUnavailable);
    const retry = document.createElement('a');
    retry.id = 'sign-in-retry';
    retry.href = window.location.pathname + window.location.search;
    retry.textContent = t.tryAgain;
    errorBox.append(retry, '.');
    if (codeButton) codeButton.disabled = true;
  }

  /** The words for a refusal of our own server, with the next step. */
  function refusalMessage(answer) {
    const code = answer.body.error || String(answer.status);
    if (answer.status === 503 || code === 'upstream_unavailable') {
      return t.googleNotAnswering;
    }
    return fill(t.signInFailed, { code });
  }

  async function post(path, body) {
    const answer = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'XmlHttpRequest' },
      body: JSON.stringify(body),
    });
    return { ok: answer.ok, status: answer.status, body: await answer.json().catch(() => ({})) };
  }

  const REDIRECT_FLOW = '/auth/google?return_to=%2Faccount';

  /** The email claim of an ID token, only as a hint for Google's chooser (not trusted here). */
  function emailOf(credential) {
    try {
      const payload = credential.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const email = JSON.parse(atob(payload)).email;
      return typeof email === 'string' ? email : undefined;
    } catch {
      return undefined;
    }
  }

  async function onCredential(response) {
    if (required) {
      const email = emailOf(response.credential);
      const hint = email ? `&login_hint=${encodeURIComponent(email)}` : '';
      window.location.assign(`${REDIRECT_FLOW}${hint}`);
      return;
    }
    try {
      const answer = await post('/auth/google/id-token', {
        credential: response.credential,
        select_by: response.select_by,
      });
      if (!answer.ok) {
        showError(refusalMessage(answer));
        return;
      }
      window.location.assign('/account');
    } catch {
      showError(t.serverUnreachable);
    }
  }

  function requestCode() {
    window.google.accounts.oauth2
      .initCodeClient({
        client_id: data.clientId,
        scope: data.codeScopes,
        ux_mode: 'popup',
        include_granted_scopes: true,
        callback: onCode,
        error_callback: (error) => {
          codeButton.disabled = false;
          if (error && error.type === 'popup_closed') {
            showError(t.signInPopupClosed);
          } else {
            showError(t.signInPopupBlocked);
          }
          offerRedirect();
        },
      })
      .requestCode();
  }

  // The same step without a popup: a link the user follows themselves.
  function offerRedirect() {
    const link = document.createElement('a');
    link.id = 'sign-in-redirect';
    link.href = REDIRECT_FLOW;
    link.textContent = t.continueInWindow;
    errorBox.append(link, '.');
  }

  async function onCode(response) {
    if (response.error) {
      codeButton.disabled = false;
      showError(
        response.error === 'access_denied'
          ? t.signInCancelled
          : fill(t.googleSaidRetry, { error: response.error }),
      );
      return;
    }
    try {
      const answer = await post('/offline-access/code', { code: response.code });
      if (answer.ok) {
        window.location.assign('/account');
        return;
      }
      if (answer.body.error === 'consent_required') {
        // Google remembers the consent but our grant is gone: ask again by redirect, never by a
        // second popup from here (it would be blocked, and a retry would loop).
        window.location.assign(`${REDIRECT_FLOW}&prompt=consent`);
        return;
      }
      showError(refusalMessage(answer));
    } catch {
      showError(t.serverUnreachable);
    }
    codeButton.disabled = false;
  }

  // One Tap runs through the browser's FedCM where there is one (Chrome), the iframe elsewhere;
  // the page needs no moment notification, which FedCM removed, so it works either way.
  // https://developers.google.com/identity/gsi/web/guides/fedcm-migration
  function start() {
    started = true;
    const id = window.google.accounts.id;
    id.initialize({
      client_id: data.clientId,
      callback: onCredential,
      // Automatic sign-in for returning users, except on the page a sign-out lands on: Google's
      // alternative to disableAutoSelect(), which only an explicit Sign in with Google click
      // lifts (a code-client sign-in does not), so silent sign-in would never come back
      // (https://developers.google.com/identity/gsi/web/guides/automatic-sign-in-sign-out).
      auto_select: autoSelect,
      use_fedcm_for_prompt: true,
      context: 'signin',
      ux_mode: 'popup',
      itp_support: true,
    });
    if (codeButton) {
      codeButton.addEventListener('click', () => {
        codeButton.disabled = true;
        errorBox.hidden = true;
        requestCode();
      });
    } else {
      // Google's branding: the standard button, rendered by GIS itself.
      id.renderButton(document.getElementById('google-button'), {
        type: 'standard',
        theme: 'outline',
        size: 'large',
        text: 'signin_with',
        shape: 'rectangular',
        logo_alignment: 'left',
        // The button's words in the page's language (GsiButtonConfiguration `locale`):
        // https://developers.google.com/identity/gsi/web/reference/js-reference#GsiButtonConfiguration
        locale: data.locale,
      });
    }
    id.prompt();
  }

  if (window.google && window.google.accounts && window.google.accounts.id) start();
  else window.onGoogleLibraryLoad = start;
  // Deferred scripts have run (or failed) by the load event: no library means no Google.
  window.addEventListener('load', () => {
    if (!started && !(window.google && window.google.accounts)) showGoogleUnavailable();
  });
})();
