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
  const required = data.offlineAccess === 'required';
  const errorBox = document.getElementById('sign-in-error');
  const codeButton = document.getElementById('google-code-button');

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
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
        showError(`Sign-in failed (${answer.body.error || answer.status}). Please try again.`);
        return;
      }
      window.location.assign('/account');
    } catch {
      showError('Could not reach the server. Check your connection and try again.');
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
          showError(
            error && error.type === 'popup_closed'
              ? 'The Google window was closed before you finished. Press the button to try again.'
              : 'The Google window could not be opened (pop-ups are blocked). Press the button again, or continue in this window: ',
          );
          if (!error || error.type !== 'popup_closed') offerRedirect();
        },
      })
      .requestCode();
  }

  // The same step without a popup: a link the user follows themselves.
  function offerRedirect() {
    const link = document.createElement('a');
    link.id = 'sign-in-redirect';
    link.href = REDIRECT_FLOW;
    link.textContent = 'Sign in with Google in this window';
    errorBox.append(link);
  }

  async function onCode(response) {
    if (response.error) {
      codeButton.disabled = false;
      showError(
        response.error === 'access_denied'
          ? 'You cancelled at Google. Grantkeeper needs offline access to work for you: press the button to try again.'
          : `Google said: ${response.error}. Press the button to try again.`,
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
      showError(`Sign-in failed (${answer.body.error || answer.status}). Please try again.`);
    } catch {
      showError('Could not reach the server. Check your connection and try again.');
    }
    codeButton.disabled = false;
  }

  function start() {
    const id = window.google.accounts.id;
    id.initialize({
      client_id: data.clientId,
      callback: onCredential,
      auto_select: true,
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
      });
    }
    id.prompt();
  }

  if (window.google && window.google.accounts) start();
  else window.onGoogleLibraryLoad = start;
})();
