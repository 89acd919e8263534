import { scriptData } from '../pages/html.js';
import { GSI_OAUTH2_SCRIPT } from './gsi-oauth2.script.js';
import { GSI_PROMPT_SCRIPT } from './gsi-prompt.script.js';

// Browser JavaScript for google.accounts.id, served as-is by GET /gsi/client. It lives in .ts
// string modules rather than a public/*.js file because the build compiles only .ts into dist/:
// a string travels with the compiled emulator wherever it runs (vitest, dist/, a container).
// Keep it plain ES2017 without backticks or template placeholders.
const GSI_CORE_SCRIPT = String.raw`
var state = { config: null, buttons: [], prompt: null };

function frameUrl(path, params) {
  var query = new URLSearchParams();
  Object.keys(params).forEach(function (name) {
    if (params[name] !== undefined && params[name] !== null) query.set(name, String(params[name]));
  });
  return EMULATOR + path + '?' + query;
}

function readCookie(name) {
  var found = document.cookie.split('; ').filter(function (part) {
    return part.indexOf(name + '=') === 0;
  })[0];
  return found === undefined ? undefined : found.slice(name.length + 1);
}

function writeCookie(name, value, maxAgeSeconds) {
  document.cookie = name + '=' + value + '; path=/; SameSite=Lax' +
    (maxAgeSeconds === undefined ? '' : '; max-age=' + maxAgeSeconds) +
    (location.protocol === 'https:' ? '; Secure' : '');
}

// Google records disableAutoSelect() in a g_state cookie on the site's own origin, so the next
// prompt() does not sign the user straight back in after they signed out of the site
// (https://developers.google.com/identity/gsi/web/guides/automatic-sign-in-sign-out: "the
// signed-out status is recorded through a cookie in your domain", the g_state cookie). What
// brings automatic sign-in back is an explicit sign-in through Sign in with Google itself: "a
// single click of the One Tap prompt or Button flow"
// (https://developers.google.com/identity/gsi/web/guides/fedcm-migration, Updates on Auto
// Sign-in). deliver() below lifts it for a credential the user chose (select_by other than
// auto/fedcm_auto). Nothing documents google.accounts.oauth2 (the code client) touching
// g_state, so a code-client sign-in leaves it as it was.
function readGState() {
  try { return JSON.parse(readCookie('g_state') || '{}'); } catch (e) { return {}; }
}

function autoSelectDisabled() {
  return readGState().auto_select_disabled === true;
}

function setAutoSelectDisabled(disabled) {
  var gState = readGState();
  gState.i_l = gState.i_l || 0;
  if (disabled) gState.auto_select_disabled = true; else delete gState.auto_select_disabled;
  writeCookie('g_state', JSON.stringify(gState), 400 * 24 * 3600);
}

// GIS redirect mode's double-submit token: a random cookie on the site, echoed in the form post.
function newCsrfToken() {
  var bytes = crypto.getRandomValues(new Uint8Array(16));
  var token = Array.prototype.map.call(bytes, function (b) {
    return ('0' + b.toString(16)).slice(-2);
  }).join('');
  writeCookie('g_csrf_token', token);
  return token;
}

function postForm(action, fields) {
  var form = document.createElement('form');
  form.method = 'post';
  form.action = action;
  Object.keys(fields).forEach(function (name) {
    var input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = fields[name];
    form.appendChild(input);
  });
  document.body.appendChild(form);
  form.submit();
}

function deliver(credential, selectBy) {
  if (typeof credential !== 'string') return;
  // Choosing an account again lifts disableAutoSelect(), as with Google.
  var automatic = selectBy === 'auto' || selectBy === 'fedcm_auto';
  if (!automatic && autoSelectDisabled()) setAutoSelectDisabled(false);
  if (selectBy === 'fedcm_auto') rememberFedcmAutoSignIn();
  var config = state.config;
  var callback = typeof config.callback === 'string' ? window[config.callback] : config.callback;
  if (typeof callback === 'function') {
    callback({ credential: credential, select_by: selectBy, clientId: config.client_id, client_id: config.client_id });
  } else if (config.login_uri) {
    postForm(config.login_uri, { credential: credential, g_csrf_token: newCsrfToken(), select_by: selectBy });
  }
}

function startRedirect() {
  var config = state.config;
  var url = frameUrl('/gsi/select', {
    client_id: config.client_id,
    origin: location.origin,
    ux_mode: 'redirect',
    login_uri: config.login_uri || location.href.split('#')[0],
    context: config.context,
    nonce: config.nonce,
    g_csrf_token: newCsrfToken(),
  });
  try { window.top.location.assign(url); } catch (e) { window.location.assign(url); }
}

function initialize(config) {
  state.config = Object.assign({}, config);
}

function renderButton(parent, options) {
  if (!state.config) {
    console.warn('[GSI_LOGGER]: Failed to render button before calling initialize().');
    return;
  }
  options = options || {};
  var config = state.config;
  var uxMode = config.ux_mode === 'redirect' ? 'redirect' : 'popup';
  var heights = { large: 40, medium: 32, small: 20 };
  var height = heights[options.size] || 40;
  var frame = document.createElement('iframe');
  frame.title = 'Sign in with Google Button';
  frame.style.cssText = 'display:block;position:relative;border:0;overflow:hidden;color-scheme:normal;' +
    'height:' + height + 'px;width:' + (options.type === 'icon' ? height : options.width || 200) + 'px;';
  frame.src = frameUrl('/gsi/button', {
    client_id: config.client_id, origin: location.origin, ux_mode: uxMode, nonce: config.nonce,
    context: config.context, type: options.type, theme: options.theme, size: options.size,
    text: options.text, shape: options.shape, logo_alignment: options.logo_alignment,
    width: options.width,
    // GsiButtonConfiguration "locale" (https://developers.google.com/identity/gsi/web/reference
    // /js-reference#GsiButtonConfiguration) reaches Google's button iframe as "hl".
    hl: options.locale,
  });
  var container = document.createElement('div');
  container.style.position = 'relative';
  container.appendChild(frame);
  parent.replaceChildren(container);
  state.buttons = state.buttons.filter(function (b) { return b.frame.isConnected; });
  state.buttons.push({ frame: frame, options: options, uxMode: uxMode });
}

// Messages from a button iframe (already checked: emulator origin, that iframe's window).
function onButtonMessage(button, data) {
  switch (data.type) {
    case 'resize':
      if (!(data.width > 0 && data.height > 0)) break;
      button.frame.style.width = data.width + 'px';
      button.frame.style.height = data.height + 'px';
      break;
    case 'button_click':
      if (typeof button.options.click_listener === 'function') button.options.click_listener();
      if (button.uxMode === 'redirect') startRedirect();
      break;
    case 'credential':
      deliver(data.credential, data.select_by);
      break;
  }
}

function onMessage(event) {
  // Only the emulator's own frames speak to us, and only from a frame this page embedded.
  if (event.origin !== EMULATOR) return;
  var data = event.data;
  if (!data || typeof data !== 'object' || data.source !== 'gsi-emulator') return;
  if (state.prompt && event.source === state.prompt.frame.contentWindow) {
    onPromptMessage(data);
    return;
  }
  var button = state.buttons.filter(function (b) { return b.frame.contentWindow === event.source; })[0];
  if (button) onButtonMessage(button, data);
}
`;

/** The GIS client script for an emulator reachable at `emulatorOrigin`. */
export function gsiClientScript(
  emulatorOrigin: string,
  browser: { readonly fedcm: boolean } = { fedcm: false },
): string {
  return `(function () {
'use strict';
var EMULATOR = ${scriptData(emulatorOrigin)};
// Whether this "browser" runs One Tap through FedCM (setting fedcm of /__control/settings).
var BROWSER_FEDCM = ${scriptData(browser.fedcm)};
window.google = window.google || {};
window.google.accounts = window.google.accounts || {};
if (window.google.accounts.id) return; // loaded twice
${GSI_CORE_SCRIPT}
${GSI_PROMPT_SCRIPT}
${GSI_OAUTH2_SCRIPT}
window.addEventListener('message', onMessage);
window.google.accounts.id = {
  initialize: initialize,
  renderButton: renderButton,
  prompt: prompt,
  cancel: cancel,
  disableAutoSelect: function () { setAutoSelectDisabled(true); },
};
window.google.accounts.oauth2 = {
  initCodeClient: initCodeClient,
  hasGrantedAllScopes: hasGrantedAllScopes,
  hasGrantedAnyScope: hasGrantedAnyScope,
};
// Google calls this hook once the library is ready.
if (typeof window.onGoogleLibraryLoad === 'function') window.onGoogleLibraryLoad();
})();
`;
}
