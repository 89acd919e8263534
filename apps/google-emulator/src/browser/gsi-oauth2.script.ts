/**
 * Browser JavaScript (served inside /gsi/client's closure): google.accounts.oauth2's code client
 * (https://developers.google.com/identity/oauth2/web/reference/js-reference#CodeClientConfig).
 * Plain ES2017 run as-is by the browser, hence a string; test/e2e/gsi-code-client.test.ts
 * exercises it. Uses `EMULATOR` and `frameUrl` from gsi-client.script.ts.
 *
 * Choices, as Google's library behaves: the code model exists to give the backend refresh
 * tokens ("exchange the code for access and refresh tokens", Use the code model guide), and
 * CodeClientConfig has no access_type, so every request asks for access_type=offline; Google
 * still returns a refresh token only on first consent or with prompt=consent.
 * include_granted_scopes defaults to true; enable_granular_consent is accepted and has no
 * effect (consent is always granular). Popup mode's redirect_uri is "postmessage".
 * CodeClientConfig documents login_hint and select_account but no prompt and no hint: those are
 * ignored here, so a page relying on them fails in tests as it may fail at Google.
 */
export const GSI_OAUTH2_SCRIPT = String.raw`
function codeRequestUrl(config) {
  var redirect = config.ux_mode === 'redirect';
  var prompt = config.select_account === true ? 'select_account' : undefined;
  return frameUrl('/o/oauth2/v2/auth', {
    client_id: config.client_id,
    redirect_uri: redirect ? config.redirect_uri : 'postmessage',
    origin: redirect ? undefined : location.origin,
    response_type: 'code',
    scope: config.scope,
    access_type: 'offline',
    include_granted_scopes: config.include_granted_scopes === false ? 'false' : 'true',
    state: config.state,
    login_hint: config.login_hint,
    hd: config.hd,
    prompt: prompt,
  });
}

function callWith(fn, value) {
  if (typeof fn === 'function') fn(value);
}

function requestCodeInPopup(config) {
  var left = Math.max(0, (screen.width - 500) / 2), top = Math.max(0, (screen.height - 600) / 2);
  var popup = window.open(codeRequestUrl(config), 'g_auth_code',
    'width=500,height=600,left=' + left + ',top=' + top);
  if (!popup) {
    callWith(config.error_callback, { type: 'popup_failed_to_open', message: 'Failed to open popup window' });
    return;
  }
  var done = false;
  function finish() {
    done = true;
    window.removeEventListener('message', onCode);
    clearInterval(watch);
  }
  // Only the popup this client opened, on the emulator's origin, may answer.
  function onCode(event) {
    var data = event.data;
    if (done || event.origin !== EMULATOR || event.source !== popup) return;
    if (!data || data.source !== 'gsi-emulator' || data.type !== 'code_response') return;
    finish();
    callWith(config.callback, data.response);
  }
  // The popup posts its response and closes itself at once, so the response may still be queued
  // when popup.closed turns true: report popup_closed only after a grace period.
  var closedAt = 0;
  var watch = setInterval(function () {
    if (done || !popup.closed) return;
    closedAt = closedAt || Date.now();
    if (Date.now() - closedAt < 1000) return;
    finish();
    callWith(config.error_callback, { type: 'popup_closed', message: 'Popup window closed' });
  }, 250);
  window.addEventListener('message', onCode);
}

function initCodeClient(config) {
  config = Object.assign({}, config);
  return {
    requestCode: function () {
      if (config.ux_mode === 'redirect') {
        window.location.assign(codeRequestUrl(config));
        return;
      }
      requestCodeInPopup(config);
    },
  };
}

function grantedScopes(response) {
  return response && typeof response.scope === 'string' ? response.scope.split(' ') : [];
}

function hasGrantedAllScopes(response) {
  var granted = grantedScopes(response);
  return Array.prototype.slice.call(arguments, 1).every(function (s) { return granted.indexOf(s) >= 0; });
}

function hasGrantedAnyScope(response) {
  var granted = grantedScopes(response);
  return Array.prototype.slice.call(arguments, 1).some(function (s) { return granted.indexOf(s) >= 0; });
}
`;
