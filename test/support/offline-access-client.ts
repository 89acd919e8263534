// Steps of the offline-access flows as a page would take them, against an ApiUnderTest: sign a
// test user in, get a code "as if they consented" from the emulator, and post it like account.js.
import type { OfflineAccessError } from '@grantkeeper/offline-access';
import { ALICE_SUB, type ApiUnderTest } from './api-under-test.js';
import { cookieValue, type HttpResponse, request, setCookies } from './http-client.js';

export const SESSION_COOKIE = '__Host-gk_session';
export const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
export const BOB_SUB = '100000000000000000003';
export const XHR = { 'x-requested-with': 'XmlHttpRequest' } as const;

/** A token answer in which "Google" rotates the refresh token (for a `/token` fault's `body`). */
export const ROTATED_TOKEN_ANSWER = {
  access_token: 'ya29.rotated-access',
  expires_in: 3600,
  refresh_token: '1//rotated-refresh',
  scope: `openid ${GMAIL_SEND}`,
  token_type: 'Bearer',
} as const;

/** Signs `sub` in with an emulator-minted ID token; returns the session cookie's value. */
export async function signInAs(api: ApiUnderTest, sub: string): Promise<string> {
  const credential = await api.mintIdToken({ sub, ...claimsOf(sub) });
  const response = await request(`${api.url}/auth/google/id-token`, { json: { credential } });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return cookieValue(setCookies(response).get(SESSION_COOKIE));
}

// The emulator's seeded users; minted tokens take their profile from these claims.
function claimsOf(sub: string): Record<string, unknown> {
  switch (sub) {
    case BOB_SUB:
      return { email: 'bob@corp.example', name: 'Bob Builder', hd: 'corp.example' };
    default:
      return {};
  }
}

export interface CodeOptions {
  readonly sub?: string;
  readonly scopes?: readonly string[];
  readonly access_type?: 'offline' | 'online';
  readonly prompt?: string;
}

/** A one-time code for the popup flow (`redirect_uri=postmessage`), as if the user consented. */
export async function authorizationCode(
  api: Pick<ApiUnderTest, 'control'>,
  options: CodeOptions = {},
) {
  const answer = (await api.control('authorization-code', {
    sub: options.sub ?? ALICE_SUB,
    scopes: options.scopes ?? ['openid', 'email', 'profile', GMAIL_SEND],
    redirect_uri: 'postmessage',
    access_type: options.access_type ?? 'offline',
    ...(options.prompt ? { prompt: options.prompt } : {}),
  })) as { code: string };
  return answer.code;
}

/** POST /offline-access/code as account.js does (unless `headers` say otherwise). */
export function postCode(
  api: Pick<ApiUnderTest, 'url'>,
  session: string | undefined,
  code: string,
  headers: Record<string, string> = XHR,
): Promise<HttpResponse> {
  return request(`${api.url}/offline-access/code`, {
    json: { code },
    headers,
    cookies: session ? { [SESSION_COOKIE]: session } : undefined,
  });
}

/** What the emulator helpers need: an ApiUnderTest, or a ProcessStack's emulator. */
export type EmulatorControl = Pick<ApiUnderTest, 'emulatorUrl' | 'control'>;

/** What the emulator saw on one path (`GET /__control/calls?path=`). */
export async function callsTo(api: EmulatorControl, path: string): Promise<number> {
  const answer = await request<{ calls: unknown[] }>(
    `${api.emulatorUrl}/__control/calls?path=${encodeURIComponent(path)}`,
  );
  return answer.body.calls.length;
}

export async function clearCalls(api: EmulatorControl): Promise<void> {
  await request(`${api.emulatorUrl}/__control/calls`, { method: 'DELETE' });
}

/**
 * Clears the emulator's faults and call log and restores token lifetimes. Not `reset`: that
 * also rotates the signing key, which the api would then refuse until its key cache refreshes.
 */
export async function resetEmulator(api: EmulatorControl): Promise<void> {
  await request(`${api.emulatorUrl}/__control/faults`, { method: 'DELETE' });
  await clearCalls(api);
  // Every setting a test may change, back to the emulator's defaults (Google's usual answers).
  await api.control('settings', {
    access_token_lifetime: 3600,
    publishing_status: 'production',
    time_based_access: null,
    unrevocable_tokens: false,
    refresh_error: 'none',
    returning_user: 'remembered',
  });
  // Google remembers consent and issues a refresh token only on the first one: forget it.
  for (const sub of [ALICE_SUB, BOB_SUB]) await api.control(`users/${sub}/revoke`);
}

/** Live refresh tokens the emulator holds for `sub` (every client): what Google would count. */
export async function liveRefreshTokens(api: EmulatorControl, sub: string): Promise<number> {
  const answer = await request<{ grants: Array<{ sub: string; refresh_tokens: number }> }>(
    `${api.emulatorUrl}/__control/grants`,
  );
  return answer.body.grants
    .filter((grant) => grant.sub === sub)
    .reduce((sum, grant) => sum + grant.refresh_tokens, 0);
}

/** The error a call that must fail rejected with (an OfflineAccessError from the broker). */
export function refusalOf(promise: Promise<unknown>): Promise<OfflineAccessError> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as OfflineAccessError,
  );
}
