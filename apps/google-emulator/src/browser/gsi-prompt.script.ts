/**
 * Browser JavaScript (served inside /gsi/client's closure): google.accounts.id.prompt() — One
 * Tap — and PromptMomentNotification. Plain ES2017 run as-is by the browser, hence a string; the
 * browser test in test/e2e/gsi-client.test.ts exercises it. Uses `EMULATOR`, `state`, `frameUrl`,
 * `deliver`, `autoSelectDisabled`, `BROWSER_FEDCM` from gsi-client.script.ts.
 */
export const GSI_PROMPT_SCRIPT = String.raw`
// https://developers.google.com/identity/gsi/web/reference/js-reference#PromptMomentNotification
function moment(type, reason) {
  var notDisplayed = type === 'display' && reason !== undefined;
  return {
    getMomentType: function () { return type; },
    isDisplayMoment: function () { return type === 'display'; },
    isDisplayed: function () { return type === 'display' && !notDisplayed; },
    isNotDisplayed: function () { return notDisplayed; },
    getNotDisplayedReason: function () { return notDisplayed ? reason : undefined; },
    isSkippedMoment: function () { return type === 'skipped'; },
    getSkippedReason: function () { return type === 'skipped' ? reason : undefined; },
    isDismissedMoment: function () { return type === 'dismissed'; },
    getDismissedReason: function () { return type === 'dismissed' ? reason : undefined; },
  };
}

// Under FedCM the browser draws One Tap and tells the page less: the display moment and the skip
// reason are gone, isSkippedMoment() and the dismissed moment remain
// (https://developers.google.com/identity/gsi/web/guides/fedcm-migration, "Remove
// isDisplayMoment(), isDisplayed(), isNotDisplayed(), getNotDisplayedReason()" and
// "getSkippedReason()"). A removed method warns and answers undefined, so a page that still
// relies on one sees it in tests.
var FEDCM_REMOVED = ['isDisplayMoment', 'isDisplayed', 'isNotDisplayed', 'getNotDisplayedReason', 'getSkippedReason'];

function fedcmMoment(type, reason) {
  var notification = moment(type, type === 'dismissed' ? reason : undefined);
  FEDCM_REMOVED.forEach(function (name) {
    notification[name] = function () {
      console.warn('[GSI_LOGGER]: ' + name + '() is not available when FedCM is enabled.');
      return undefined;
    };
  });
  return notification;
}

function momentFor(current, type, reason) {
  return current.fedcm ? fedcmMoment(type, reason) : moment(type, reason);
}

// One Tap runs through FedCM when the browser has it and the page opted in with
// use_fedcm_for_prompt (https://developers.google.com/identity/gsi/web/reference/js-reference
// #use_fedcm_for_prompt).
function fedcmEnabled() {
  return BROWSER_FEDCM === true && state.config.use_fedcm_for_prompt === true;
}

// "When using FedCM, [automatic sign-in requires having] made only a single sign-in attempt in the
// last 10 minutes. One Tap is displayed when repeated sign-in attempts occur during this window."
// (https://developers.google.com/identity/gsi/web/guides/automatic-sign-in-sign-out). The
// browser keeps that state; here, the site's localStorage.
var FEDCM_QUIET_PERIOD_MS = 10 * 60 * 1000;
var FEDCM_AUTO_KEY = 'g_fedcm_auto_sign_in_at';

function rememberFedcmAutoSignIn() {
  try { localStorage.setItem(FEDCM_AUTO_KEY, String(Date.now())); } catch (e) { /* storage off */ }
}

function inFedcmQuietPeriod() {
  var at = 0;
  try { at = Number(localStorage.getItem(FEDCM_AUTO_KEY)) || 0; } catch (e) { at = 0; }
  return Date.now() - at < FEDCM_QUIET_PERIOD_MS;
}

function removePrompt() {
  var current = state.prompt;
  state.prompt = null;
  if (current) {
    document.removeEventListener('click', current.onOutsideClick, true);
    current.container.remove();
  }
  return current;
}

function closePrompt(type, reason) {
  var closed = removePrompt();
  if (closed) closed.listener(momentFor(closed, type, reason));
}

function watchOutsideClicks(current) {
  // FedCM's dialog is the browser's own: a click on the page does not close it.
  if (current.fedcm || state.config.cancel_on_tap_outside === false) return;
  current.onOutsideClick = function (event) {
    if (!current.container.contains(event.target)) closePrompt('skipped', 'tap_outside');
  };
  document.addEventListener('click', current.onOutsideClick, true);
}

// Messages from the One Tap iframe (already checked: emulator origin, our iframe's window).
function onPromptMessage(data) {
  var current = state.prompt;
  switch (data.type) {
    case 'resize':
      current.container.style.height = data.height + 'px';
      break;
    case 'prompt_displayed':
      if (!current.fedcm) current.listener(moment('display'));
      watchOutsideClicks(current);
      break;
    case 'prompt_not_displayed':
      removePrompt();
      if (!current.fedcm) current.listener(moment('display', String(data.reason)));
      break;
    case 'prompt_skipped':
      closePrompt('skipped', String(data.reason));
      break;
    case 'credential':
      removePrompt();
      deliver(data.credential, data.select_by);
      current.listener(momentFor(current, 'dismissed', 'credential_returned'));
      break;
  }
}

function prompt(listener) {
  if (!state.config) {
    console.warn('[GSI_LOGGER]: Failed to show One Tap: call initialize() first.');
    return;
  }
  var notify = typeof listener === 'function' ? listener : function () {};
  // A second prompt() restarts the flow, as Google's does.
  closePrompt('dismissed', 'flow_restarted');
  if (!state.config.client_id) {
    if (!fedcmEnabled()) notify(moment('display', 'missing_client_id'));
    return;
  }
  var container = document.createElement('div');
  container.id = 'credential_picker_container';
  container.style.cssText =
    'position:fixed;top:16px;right:16px;z-index:9999;width:391px;height:0;border:0;';
  var frame = document.createElement('iframe');
  frame.title = 'Sign in with Google Dialog';
  frame.style.cssText = 'display:block;border:0;width:100%;height:100%;color-scheme:normal;';
  var fedcm = fedcmEnabled();
  var autoSelect = state.config.auto_select === true && !autoSelectDisabled() &&
    !(fedcm && inFedcmQuietPeriod());
  frame.src = frameUrl('/gsi/iframe/select', {
    client_id: state.config.client_id,
    origin: location.origin,
    auto_select: String(autoSelect),
    nonce: state.config.nonce,
    context: state.config.context,
    fedcm: fedcm ? 'true' : undefined,
  });
  container.appendChild(frame);
  state.prompt = {
    container: container, frame: frame, listener: notify, onOutsideClick: null, fedcm: fedcm,
  };
  document.body.appendChild(container);
}

function cancel() {
  closePrompt('dismissed', 'cancel_called');
}
`;
