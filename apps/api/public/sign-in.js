// The sign-in page.
//
// OFFLINE_ACCESS=optional: Google's button and One Tap hand us an ID token (`credential`) that
// we POST as JSON; the server answers with a session cookie and we go to /account.
//
// OFFLINE_ACCESS=required: one button runs the GIS code client, so signing in and granting
// offline access are one step (the ID token in the token response identifies the user). One
// Tap still signs returning users in silently; if their grant is missing or dead we send them
// through the redirect flow with prompt=consent, since Google only returns a new refresh token
// on a fresh consent (a popup can't be opened without a click, a redirect can).
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

  async function hasLiveGrant() {
    const answer = await fetch('/offline-access', { credentials: 'same-origin' });
    const body = await answer.json().catch(() => ({}));
    return answer.ok && body.status === 'active';
  }

  async function onCredential(response) {
    try {
      const answer = await post('/auth/google/id-token', {
        credential: response.credential,
        select_by: response.select_by,
      });
      if (!answer.ok) {
        showError(`Sign-in failed (${answer.body.error || answer.status}). Please try again.`);
        return;
      }
      if (required && !(await hasLiveGrant())) {
        window.location.assign('/auth/google?prompt=consent&return_to=%2Faccount');
        return;
      }
      window.location.assign('/account');
    } catch {
      showError('Could not reach the server. Check your connection and try again.');
    }
  }

  function requestCode(prompt) {
    window.google.accounts.oauth2
      .initCodeClient({
        client_id: data.clientId,
        scope: data.codeScopes,
        ux_mode: 'popup',
        include_granted_scopes: true,
        prompt,
        callback: (response) => onCode(response, prompt),
        error_callback: (error) => {
          codeButton.disabled = false;
          if (error && error.type !== 'popup_closed') {
            showError('The Google window could not be opened. Allow pop-ups and try again.');
          }
        },
      })
      .requestCode();
  }

  async function onCode(response, prompt) {
    if (response.error) {
      codeButton.disabled = false;
      if (response.error !== 'access_denied') showError(`Google said: ${response.error}.`);
      return;
    }
    try {
      const answer = await post('/offline-access/code', { code: response.code });
      if (answer.ok) {
        window.location.assign('/account');
        return;
      }
      if (answer.body.error === 'consent_required' && prompt !== 'consent') {
        requestCode('consent');
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
        requestCode(undefined);
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
