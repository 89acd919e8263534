// The consent request page (/consent/:id): "Continue to Google" and "Not now". Each is a POST
// with X-Requested-With (the same-site check of our writes); the server answers where to go
// next: Google's consent for the request's scopes, or the service's return URL.
'use strict';

(function () {
  const data = document.body.dataset;
  const id = data.consentId;
  if (!id) return;
  const error = document.getElementById('consent-error');
  const buttons = [
    document.getElementById('consent-continue'),
    document.getElementById('consent-decline'),
  ].filter(Boolean);

  async function go(action) {
    buttons.forEach((button) => (button.disabled = true));
    try {
      const answer = await fetch(`/consent/${encodeURIComponent(id)}/${action}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'XmlHttpRequest' },
      });
      const body = await answer.json().catch(() => ({}));
      if (answer.ok && typeof body.location === 'string') {
        window.location.assign(body.location);
        return;
      }
      // Answered in another tab or expired meanwhile: the page shows how it stands.
      if (answer.status === 409) {
        window.location.reload();
        return;
      }
      error.textContent = body.message || data.consentFailed;
    } catch {
      error.textContent = data.consentFailed;
    }
    error.hidden = false;
    buttons.forEach((button) => (button.disabled = false));
  }

  buttons.forEach((button) =>
    button.addEventListener('click', () =>
      go(button.id === 'consent-continue' ? 'continue' : 'decline'),
    ),
  );
})();
