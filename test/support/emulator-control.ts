// The emulator's control API (`POST /__control/<path>`, DESIGN.md's contract) as every test
// harness drives it: the in-process api's, the process stacks' and the browser tests'.
import { request } from './http-client.js';

export interface EmulatorControl {
  readonly emulatorUrl: string;
  /** `POST /__control/<path>` with `body` (or `{}`); throws on an answer that is not 2xx. */
  control(path: string, body?: unknown): Promise<unknown>;
  /** A token from `POST /__control/id-token`: `claims` over the defaults, `header` likewise. */
  mintIdToken(claims?: Record<string, unknown>, header?: Record<string, unknown>): Promise<string>;
}

export function emulatorControl(emulatorUrl: string): EmulatorControl {
  const control = async (path: string, body?: unknown): Promise<unknown> => {
    const response = await request(`${emulatorUrl}/__control/${path}`, {
      method: 'POST',
      json: body ?? {},
    });
    if (response.status >= 300) {
      throw new Error(`control ${path}: ${response.status} ${response.text}`);
    }
    return response.body;
  };
  return {
    emulatorUrl,
    control,
    async mintIdToken(claims = {}, header = {}) {
      const answer = (await control('id-token', { claims, header })) as { id_token: string };
      return answer.id_token;
    },
  };
}
