import { failureOf, isSuccess } from './google-answer.js';
import type { GoogleHttpClient } from './google-http.client.js';

/** Options of {@link GmailSender}. */
export interface GmailSenderOptions {
  /** Base URL of the Gmail API: https://gmail.googleapis.com, or the emulator. */
  readonly baseUrl: string;
  readonly http: GoogleHttpClient;
}

/**
 * Gmail's `users.messages.send` for the signed-in user (`me`)
 * (https://developers.google.com/gmail/api/reference/rest/v1/users.messages/send): the message
 * goes as `raw`, the RFC 2822 text in base64url. Needs only `gmail.send`, which cannot read the
 * mailbox.
 */
export class GmailSender {
  constructor(private readonly options: GmailSenderOptions) {}

  /**
   * Sends `message` (RFC 2822 text) from the access token's user.
   *
   * @throws GoogleCallError `invalid_token` (401: Google no longer accepts the access token),
   *   `google_forbidden` (403: the token lacks the scope), `google_rate_limited`,
   *   `google_unavailable`, `google_rejected` (other 4xx) with the status as `upstreamStatus`;
   *   `google_unreachable` or `google_timeout` when Gmail did not answer.
   */
  async send(accessToken: string, message: string, signal?: AbortSignal): Promise<void> {
    const answer = await this.options.http.send({
      method: 'POST',
      url: `${this.options.baseUrl}/gmail/v1/users/me/messages/send`,
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ raw: Buffer.from(message).toString('base64url') }),
      signal,
    });
    if (!isSuccess(answer)) throw failureOf(answer, 'api');
  }
}
