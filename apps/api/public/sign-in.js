// The sign-in page: Google's button and One Tap, both handing us an ID token (`credential`)
// that we POST as JSON. The server answers with a session cookie; then we go to /account.
'use strict';

(function () {
  const clientId = document.body.dataset.clientId;
  const errorBox = document.getElementById('sign-in-error');

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  async function onCredential(response) {
    try {
      const answer = await fetch('/auth/google/id-token', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'XmlHttpRequest' },
        body: JSON.stringify({ credential: response.credential, select_by: response.select_by }),
      });
      if (answer.ok) {
        window.location.assign('/account');
        return;
      }
      const body = await answer.json().catch(() => ({}));
      showError(`Sign-in failed (${body.error || answer.status}). Please try again.`);
    } catch {
      showError('Could not reach the server. Check your connection and try again.');
    }
  }

  function start() {
    const id = window.google.accounts.id;
    id.initialize({
      client_id: clientId,
      callback: onCredential,
      auto_select: true,
      context: 'signin',
      ux_mode: 'popup',
      itp_support: true,
    });
    // Google's branding: the standard button, rendered by GIS itself.
    id.renderButton(document.getElementById('google-button'), {
      type: 'standard',
      theme: 'outline',
      size: 'large',
      text: 'signin_with',
      shape: 'rectangular',
      logo_alignment: 'left',
    });
    id.prompt();
  }

  if (window.google && window.google.accounts) start();
  else window.onGoogleLibraryLoad = start;
})();
