// The account page: offline access on or off, the services using it, and sign-out.
//
// Offline access uses Google's code model (GIS code client in a popup, redirect_uri=postmessage):
// the popup hands us a one-time code, which we POST with X-Requested-With so the server knows it
// came from this page. Google only returns a refresh token on the first consent; when the server
// has lost ours it answers consent_required and we go through the redirect flow with
// prompt=consent (documented there, not on the code client), never a second popup from async
// code, which the popup blocker stops.
// https://developers.google.com/identity/oauth2/web/guides/use-code-model
// https://developers.google.com/identity/oauth2/web/reference/js-reference#CodeClientConfig
'use strict';

(function () {
  const data = document.body.dataset;
  // The page's words, in its language (apps/api/src/pages/messages.ts, `client`).
  const t = JSON.parse(data.messages);
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  const signOutButton = document.getElementById('sign-out');
  const enableButton = document.getElementById('offline-access-enable');
  const disableButton = document.getElementById('offline-access-disable');
  const confirmDialog = document.getElementById('offline-access-confirm');
  const grantMissingButton = document.getElementById('offline-access-grant-missing');
  // The button that opened Google's window: re-enabled when it comes back without a grant.
  let pending = enableButton;
  const accountError = document.getElementById('account-error');
  const offlineError = document.getElementById('offline-access-error');

  function show(box, message) {
    box.textContent = message;
    box.hidden = false;
  }

  // Back from the redirect flow (/auth/google): only access_denied means the user said no.
  const back = new URLSearchParams(window.location.search);
  if (back.get('offline_access') === 'failed') {
    show(
      offlineError,
      fill(t.googleRefused, { error: back.get('google_error') || t.unknownError }),
    );
  } else if (back.get('offline_access') === 'denied') {
    show(offlineError, t.offlineCancelled);
  }

  async function send(method, path, body) {
    const headers = { 'x-requested-with': 'XmlHttpRequest' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const answer = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = await answer.json().catch(() => ({}));
    return { ok: answer.ok, status: answer.status, body: payload };
  }

  // `scopes`: all of them to switch offline access on, or just the missing ones (incremental
  // authorization: include_granted_scopes keeps what was granted before in the same grant).
  function requestCode(scopes) {
    const client = window.google.accounts.oauth2.initCodeClient({
      client_id: data.clientId,
      scope: scopes,
      ux_mode: 'popup',
      login_hint: data.googleSub,
      include_granted_scopes: true,
      callback: onCode,
      error_callback: (error) => {
        pending.disabled = false;
        show(
          offlineError,
          error && error.type === 'popup_closed' ? t.offlinePopupClosed : t.offlinePopupBlocked,
        );
        // The same step without a popup: a link the user follows themselves.
        const link = document.createElement('a');
        link.id = 'offline-access-redirect';
        link.href = '/auth/google?return_to=%2Faccount';
        link.textContent = t.continueInWindow;
        offlineError.append(link, '.');
      },
    });
    client.requestCode();
  }

  async function onCode(response) {
    if (response.error) {
      pending.disabled = false;
      show(
        offlineError,
        response.error === 'access_denied'
          ? t.offlineCancelledRetry
          : fill(t.googleSaid, { error: response.error }),
      );
      return;
    }
    try {
      const answer = await send('POST', '/offline-access/code', { code: response.code });
      if (answer.ok) {
        window.location.reload();
        return;
      }
      if (answer.body.error === 'consent_required') {
        window.location.assign('/auth/google?prompt=consent&return_to=%2Faccount');
        return;
      }
      show(offlineError, answer.body.message || fill(t.offlineOnFailed, { status: answer.status }));
    } catch {
      show(offlineError, t.serverUnreachable);
    }
    pending.disabled = false;
  }

  if (enableButton) {
    enableButton.addEventListener('click', () => {
      pending = enableButton;
      enableButton.disabled = true;
      offlineError.hidden = true;
      requestCode(data.offlineScopes);
    });
  }

  if (grantMissingButton) {
    grantMissingButton.addEventListener('click', () => {
      pending = grantMissingButton;
      grantMissingButton.disabled = true;
      offlineError.hidden = true;
      requestCode(grantMissingButton.dataset.scopes);
    });
  }

  // Switching off asks first (the dialog says what it stops); only "Turn off" goes ahead.
  if (disableButton) {
    disableButton.addEventListener('click', () => confirmDialog.showModal());
    confirmDialog.addEventListener('close', async () => {
      if (confirmDialog.returnValue !== 'confirm') return;
      disableButton.disabled = true;
      try {
        const answer = await send('DELETE', '/offline-access');
        if (!answer.ok) throw new Error(String(answer.status));
        window.location.reload();
      } catch {
        show(offlineError, t.offlineOffFailed);
        disableButton.disabled = false;
      }
    });
  }

  const saveDigest = document.getElementById('news-digest-save');
  if (saveDigest) {
    const digestError = document.getElementById('news-digest-error');
    saveDigest.addEventListener('click', async () => {
      const categories = [...document.querySelectorAll('input[name="category"]:checked')].map(
        (box) => box.value,
      );
      const enabled = document.getElementById('news-digest-enabled').checked;
      saveDigest.disabled = true;
      digestError.hidden = true;
      try {
        const answer = await send('PUT', '/offline-access/tasks/news-digest', {
          enabled,
          settings: { categories },
        });
        if (answer.ok) {
          window.location.reload();
          return;
        }
        show(digestError, answer.body.message || fill(t.saveFailed, { status: answer.status }));
      } catch {
        show(digestError, t.serverUnreachable);
      }
      saveDigest.disabled = false;
    });
  }

  // A service using the user's Google access: blocking asks first (its dialog says what it
  // stops), unblocking does not. The page then shows the state the server answered.
  const servicesSection = document.querySelector('section.services');
  const servicesError = document.getElementById('services-error');
  async function switchService(item, button, method) {
    button.disabled = true;
    servicesError.hidden = true;
    try {
      const answer = await send(
        method,
        `/account/services/${encodeURIComponent(item.dataset.clientId)}/block`,
      );
      if (answer.ok) {
        window.location.reload();
        return;
      }
      show(servicesError, answer.body.message || servicesSection.dataset.failed);
    } catch {
      show(servicesError, t.serverUnreachable);
    }
    button.disabled = false;
  }
  for (const button of document.querySelectorAll('.service-switch')) {
    const item = button.closest('.service');
    if (button.dataset.action === 'unblock') {
      button.addEventListener('click', () => switchService(item, button, 'DELETE'));
      continue;
    }
    const dialog = item.querySelector('.service-confirm');
    button.addEventListener('click', () => dialog.showModal());
    dialog.addEventListener('close', () => {
      if (dialog.returnValue === 'confirm') void switchService(item, button, 'PUT');
    });
  }

  // Signing out ends the server session and lands on a sign-in page without automatic sign-in,
  // so One Tap does not sign the user straight back in; a later visit signs them in silently
  // again. Google documents this next to disableAutoSelect(), which we do not call: only an
  // explicit Sign in with Google click lifts it, so after a sign-in with the code client
  // (OFFLINE_ACCESS=required) silent sign-in would never come back.
  // https://developers.google.com/identity/gsi/web/guides/automatic-sign-in-sign-out
  signOutButton.addEventListener('click', async () => {
    signOutButton.disabled = true;
    try {
      const answer = await send('POST', '/auth/sign-out');
      if (!answer.ok && answer.status !== 204) throw new Error(String(answer.status));
      window.location.assign('/?signed_out=1');
    } catch {
      show(accountError, t.signOutFailed);
      signOutButton.disabled = false;
    }
  });
})();
