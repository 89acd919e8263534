// The account page: signing out ends the server session and tells GIS not to auto-select the
// account on the next visit (otherwise One Tap would sign the user straight back in).
'use strict';

(function () {
  const button = document.getElementById('sign-out');
  const errorBox = document.getElementById('account-error');

  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const answer = await fetch('/auth/sign-out', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'x-requested-with': 'XmlHttpRequest' },
      });
      if (!answer.ok) throw new Error(String(answer.status));
      if (window.google && window.google.accounts) window.google.accounts.id.disableAutoSelect();
      window.location.assign('/');
    } catch {
      errorBox.textContent = 'Could not sign you out. Please try again.';
      errorBox.hidden = false;
      button.disabled = false;
    }
  });
})();
