// Security event tokens from the emulator's control API, delivered to (or posted at) the api's
// real POST /risc/events, as Google's Cross-Account Protection would.
import type { ApiUnderTest } from './api-under-test.js';
import { type HttpResponse, request } from './http-client.js';

export interface RiscEventOptions {
  readonly event: string;
  readonly sub: string;
  readonly reason?: string;
  readonly client_id?: string;
  readonly jti?: string;
  readonly token?: string;
}

/** `POST /__control/risc/deliver` to the api's receiver: `{ jti, status, token }`. */
export async function deliverRiscEvent(
  api: ApiUnderTest,
  options: RiscEventOptions,
): Promise<{ jti: string; status: number; token: string }> {
  return (await api.control('risc/deliver', {
    ...options,
    receiver_url: `${api.url}/risc/events`,
  })) as { jti: string; status: number; token: string };
}

/** A signed token for one event, not delivered. */
export async function mintRiscToken(api: ApiUnderTest, options: RiscEventOptions): Promise<string> {
  return ((await api.control('risc/token', options)) as { token: string }).token;
}

/** POST a body to the receiver as Google does (`application/secevent+jwt` unless told). */
export function postToReceiver(
  api: ApiUnderTest,
  body: string,
  contentType = 'application/secevent+jwt',
): Promise<HttpResponse> {
  return request(`${api.url}/risc/events`, { body, headers: { 'content-type': contentType } });
}

/**
 * Any claims, signed with the emulator's current key by its ID-token control route: the
 * ID-token defaults are removed (`null`), so the token holds exactly `claims`.
 */
export async function signClaims(
  api: ApiUnderTest,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Promise<string> {
  const idTokenDefaults = ['azp', 'sub', 'email', 'email_verified', 'nbf', 'name', 'picture'];
  const removed = Object.fromEntries(
    [...idTokenDefaults, 'given_name', 'family_name', 'exp'].map((name) => [name, null]),
  );
  return api.mintIdToken({ ...removed, ...claims }, { typ: 'secevent+jwt', ...header });
}
