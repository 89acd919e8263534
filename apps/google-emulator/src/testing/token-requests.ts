import type { FastifyInstance } from 'fastify';
import type { EmulatorClient } from '../emulator.config.js';

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
  token_type: string;
  id_token?: string;
}

/** The JSON payload of a JWT, unverified. */
export const payloadOf = (jwt: string | undefined) =>
  JSON.parse(Buffer.from((jwt ?? '').split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;

/** Requests an app makes of /token (and of the control API for codes), as `client`. */
export function tokenRequests(app: () => FastifyInstance, client: EmulatorClient) {
  const control = (path: string, payload: object = {}) =>
    app().inject({ method: 'POST', url: `/__control/${path}`, payload });
  const mintCode = async (body: object = {}) =>
    (await control('authorization-code', { client_id: client.clientId, ...body })).json<{
      code: string;
    }>().code;
  const token = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    app().inject({
      method: 'POST',
      url: '/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(fields).toString(),
    });
  const exchange = (code: string, extra: Record<string, string> = {}) =>
    token({
      grant_type: 'authorization_code',
      code,
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uri: 'postmessage',
      ...extra,
    });
  const refresh = (refreshToken: string, extra: Record<string, string> = {}) =>
    token({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: client.clientId,
      client_secret: client.clientSecret,
      ...extra,
    });
  return { control, mintCode, token, exchange, refresh };
}
