/**
 * Browser JavaScript (served inside /gsi/client's closure): google.accounts.id.prompt() — One
 * Tap — and PromptMomentNotification. Plain ES2017 run as-is by the browser, hence a string; the
 * browser test in test/e2e/gsi-client.test.ts exercises it. Uses `EMULATOR`, `state`, `frameUrl`,
 * `deliver`, `autoSelectDisabled` from gsi-client.script.ts.
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
  if (closed) closed.listener(moment(type, reason));
}

function watchOutsideClicks(current) {
  if (state.config.cancel_on_tap_outside === false) return;
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
      current.listener(moment('display'));
      watchOutsideClicks(current);
      break;
    case 'prompt_not_displayed':
      removePrompt();
      current.listener(moment('display', String(data.reason)));
      break;
    case 'prompt_skipped':
      closePrompt('skipped', String(data.reason));
      break;
    case 'credential':
      removePrompt();
      deliver(data.credential, data.select_by);
      current.listener(moment('dismissed', 'credential_returned'));
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
    notify(moment('display', 'missing_client_id'));
    return;
  }
  var container = document.createElement('div');
  container.id = 'credential_picker_container';
  container.style.cssText =
    'position:fixed;top:16px;right:16px;z-index:9999;width:391px;height:0;border:0;';
  var frame = document.createElement('iframe');
  frame.title = 'Sign in with Google Dialog';
  frame.style.cssText = 'display:block;border:0;width:100%;height:100%;color-scheme:normal;';
  frame.src = frameUrl('/gsi/iframe/select', {
    client_id: state.config.client_id,
    origin: location.origin,
    auto_select: String(state.config.auto_select === true && !autoSelectDisabled()),
    nonce: state.config.nonce,
    context: state.config.context,
  });
  container.appendChild(frame);
  state.prompt = { container: container, frame: frame, listener: notify, onOutsideClick: null };
  document.body.appendChild(container);
}

function cancel() {
  closePrompt('dismissed', 'cancel_called');
}
`;
