import { z } from 'zod';
import { GOOGLE_G_LOGO, escapeHtml, htmlPage, parentMessengerScript, scriptData } from './html.js';

// renderButton's options (https://developers.google.com/identity/gsi/web/reference/js-reference
// #GsiButtonConfiguration); an unknown value falls back to Google's default, as GIS does.
const buttonOptionsSchema = z.object({
  type: z.enum(['standard', 'icon']).catch('standard'),
  theme: z.enum(['outline', 'filled_blue', 'filled_black']).catch('outline'),
  size: z.enum(['large', 'medium', 'small']).catch('large'),
  text: z.enum(['signin_with', 'signup_with', 'continue_with', 'signin']).catch('signin_with'),
  shape: z.enum(['rectangular', 'pill', 'circle', 'square']).catch('rectangular'),
  logo_alignment: z.enum(['left', 'center']).catch('left'),
  // Google: at least 200 px wide, at most 400.
  width: z.coerce.number().min(200).max(400).optional().catch(undefined),
  // `locale` (sent as `hl`): the button's words in that language; English for any we do not play.
  hl: z.string().max(35).optional().catch(undefined),
});

export type ButtonOptions = z.infer<typeof buttonOptionsSchema>;

export function parseButtonOptions(input: unknown): ButtonOptions {
  return buttonOptionsSchema.parse(typeof input === 'object' && input !== null ? input : {});
}

const TEXTS: Record<ButtonOptions['text'], string> = {
  signin_with: 'Sign in with Google',
  signup_with: 'Sign up with Google',
  continue_with: 'Continue with Google',
  signin: 'Sign in',
};

// Google's German button texts (as its button shows them for `locale: 'de'`).
const GERMAN_TEXTS: Record<ButtonOptions['text'], string> = {
  signin_with: 'Über Google anmelden',
  signup_with: 'Über Google registrieren',
  continue_with: 'Weiter mit Google',
  signin: 'Anmelden',
};

const SIZES = {
  large: { height: 40, font: 14, logo: 18, padding: 12 },
  medium: { height: 32, font: 14, logo: 18, padding: 12 },
  small: { height: 20, font: 11, logo: 14, padding: 6 },
} as const;

// Google's palette for the three themes (branding guidelines).
const THEMES = {
  outline: { background: '#fff', color: '#3c4043', border: '1px solid #dadce0', hover: '#f8faff' },
  filled_blue: {
    background: '#1a73e8',
    color: '#fff',
    border: '1px solid #1a73e8',
    hover: '#1b66c9',
  },
  filled_black: {
    background: '#202124',
    color: '#fff',
    border: '1px solid #202124',
    hover: '#35363a',
  },
} as const;

function buttonStyle(options: ButtonOptions): string {
  const size = SIZES[options.size];
  const theme = THEMES[options.theme];
  const icon = options.type === 'icon';
  const round = options.shape === 'pill' || options.shape === 'circle';
  const width = icon ? `${size.height}px` : options.width ? `${options.width}px` : 'auto';
  // On filled themes the G sits on a white tile, as in Google's filled buttons.
  const tile = options.theme === 'outline' ? 'transparent' : '#fff';
  return `
html, body { background: transparent; }
#button { box-sizing: border-box; display: inline-flex; align-items: center; gap: 8px;
  justify-content: ${options.logo_alignment === 'center' || icon ? 'center' : 'flex-start'};
  height: ${size.height}px; width: ${width}; min-width: ${icon ? size.height : 0}px;
  padding: 0 ${icon ? 0 : size.padding}px; border: ${theme.border};
  border-radius: ${round ? `${size.height / 2}px` : '4px'};
  background: ${theme.background}; color: ${theme.color}; cursor: pointer;
  font-family: inherit; font-size: ${size.font}px; font-weight: 500; letter-spacing: .25px; white-space: nowrap; }
#button:hover { background: ${theme.hover}; }
#button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 1px; }
.logo { display: inline-flex; padding: ${options.theme === 'outline' ? 0 : 2}px; border-radius: 2px; background: ${tile}; }
.logo svg { width: ${size.logo}px; height: ${size.logo}px; }
.text { ${options.logo_alignment === 'left' && !icon ? 'flex: 1; text-align: center;' : ''} }`;
}

export interface ButtonPage {
  options: ButtonOptions;
  /** Parameters the popup's /gsi/select needs (client_id, origin, ux_mode, nonce, context). */
  flow: Record<string, string>;
  targetOrigin: string;
}

/**
 * What Google's /gsi/button iframe renders: the branded button, sized to its content (the page
 * resizes the iframe to fit). In popup mode a click opens the account chooser from this iframe;
 * in redirect mode the page navigates itself, because only it may set its g_csrf_token cookie.
 */
export function buttonPage({ options, flow, targetOrigin }: ButtonPage): string {
  const german = /^de(-|_|$)/i.test(options.hl ?? '');
  const label = (german ? GERMAN_TEXTS : TEXTS)[options.text];
  const text = options.type === 'icon' ? '' : `<span class="text">${escapeHtml(label)}</span>`;
  return htmlPage({
    title: 'Sign in with Google Button',
    style: buttonStyle(options),
    body: `<button id="button" type="button" aria-label="${escapeHtml(label)}"><span class="logo">${GOOGLE_G_LOGO}</span>${text}</button>`,
    script: `${parentMessengerScript(targetOrigin)}
var flow = ${scriptData(flow)};
var button = document.getElementById('button');
// The page sizes the iframe to the button. A box measured before layout settles (a busy
// machine, fonts) can be empty, which would shrink the iframe to nothing: report only real
// sizes, and again whenever the button's size changes.
function reportSize() {
  var box = button.getBoundingClientRect();
  if (box.width > 0 && box.height > 0) {
    send({ type: 'resize', width: Math.ceil(box.width), height: Math.ceil(box.height) });
  }
}
reportSize();
window.addEventListener('load', reportSize);
if (window.ResizeObserver) new ResizeObserver(reportSize).observe(button);
button.addEventListener('click', function () {
  send({ type: 'button_click' });
  if (flow.ux_mode === 'redirect') return;
  var channel = Math.random().toString(36).slice(2);
  var query = new URLSearchParams(Object.assign({}, flow, { ux_mode: 'popup', channel_id: channel }));
  var left = Math.max(0, (screen.width - 500) / 2), top = Math.max(0, (screen.height - 600) / 2);
  var popup = window.open('/gsi/select?' + query, 'g_id_signin',
    'width=500,height=600,left=' + left + ',top=' + top);
  window.addEventListener('message', function onMessage(event) {
    var data = event.data;
    if (event.origin !== location.origin || event.source !== popup) return;
    if (!data || data.source !== 'gsi-emulator' || data.channel_id !== channel) return;
    window.removeEventListener('message', onMessage);
    send({ type: 'credential', credential: data.credential, select_by: data.select_by });
  });
});`,
  });
}
