import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { SESSION_COOKIE } from '../google-session.js';
import { DEFAULT_TEST_USER } from '../test-users.js';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const unescape = (value: string) =>
  value.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);

/** The hidden fields of the page's form, as a browser would submit them. */
export function hiddenFields(html: string): [string, string][] {
  return [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(
    (match) => [unescape(match[1] ?? ''), unescape(match[2] ?? '')],
  );
}

/** The scopes the consent screen offers as (untickable) checkboxes. */
export function consentCheckboxes(html: string): string[] {
  return [
    ...html.matchAll(/<input type="checkbox" id="[^"]*" name="granted" value="([^"]*)"/g),
  ].map((match) => unescape(match[1] ?? ''));
}

export interface BrowserChoices {
  /** The account picked on the chooser (Alice by default). */
  sub?: string;
  /** Scopes to untick on the consent screen. */
  untick?: string[];
  /** The consent screen's button. */
  action?: 'allow' | 'cancel';
  /** The browser's Google session cookie (`GEMU_SID=…`) from an earlier flow. */
  cookie?: string;
}

export interface BrowserOutcome {
  response: LightMyRequestResponse;
  /** Pages shown on the way: 'chooser' and/or 'consent'. */
  shown: string[];
  cookie?: string;
  /** The redirect back to the app, for a real redirect URI. */
  location?: URL;
}

const sessionCookie = (response: LightMyRequestResponse, previous?: string) => {
  const header = response.headers['set-cookie'];
  const value = (Array.isArray(header) ? header : [header ?? '']).find((c) =>
    c.startsWith(`${SESSION_COOKIE}=`),
  );
  return value?.split(';')[0] ?? previous;
};

/**
 * Walks /o/oauth2/v2/auth like a user in a browser: picks the account on the chooser, unticks
 * scopes on the consent screen and presses Allow or Cancel, keeping the session cookie.
 */
export async function authorizeInBrowser(
  app: FastifyInstance,
  params: Record<string, string>,
  choices: BrowserChoices = {},
): Promise<BrowserOutcome> {
  const shown: string[] = [];
  let cookie = choices.cookie;
  const headers = () => (cookie === undefined ? {} : { cookie });
  let response = await app.inject({
    url: `/o/oauth2/v2/auth?${new URLSearchParams(params)}`,
    headers: headers(),
  });
  for (let step = 0; step < 3; step += 1) {
    cookie = sessionCookie(response, cookie);
    const action = /<form method="post" action="([^"]*)"/.exec(response.body)?.[1];
    if (response.statusCode !== 200 || action === undefined) break;
    const form = new URLSearchParams(hiddenFields(response.body));
    if (action.endsWith('/oauthchooseaccount')) {
      shown.push('chooser');
      form.set('sub', choices.sub ?? DEFAULT_TEST_USER.sub);
    } else {
      shown.push('consent');
      const untick = new Set(choices.untick ?? []);
      for (const scope of consentCheckboxes(response.body)) {
        if (!untick.has(scope)) form.append('granted', scope);
      }
      form.set('action', choices.action ?? 'allow');
    }
    response = await app.inject({
      method: 'POST',
      url: action,
      headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
  }
  cookie = sessionCookie(response, cookie);
  const location = response.headers.location;
  return {
    response,
    shown,
    cookie,
    ...(typeof location === 'string' ? { location: new URL(location) } : {}),
  };
}
