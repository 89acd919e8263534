/** Why Gmail refused or did not answer: its status (0: no answer) and Google's `status`. */
export class GmailError extends Error {
  override readonly name = 'GmailError';
  constructor(
    readonly status: number,
    readonly googleStatus: string | undefined,
  ) {
    super(`Gmail answered ${status}${googleStatus ? ` ${googleStatus}` : ''}`);
  }
}

/**
 * Gmail's `users.messages.send` for the access token's user
 * (https://developers.google.com/gmail/api/reference/rest/v1/users.messages/send): the message
 * goes as `raw`, the RFC 2822 text in base64url; `gmail.send` is the only scope it needs.
 */
export async function sendGmail(
  baseUrl: string,
  accessToken: string,
  message: string,
): Promise<{ id: string }> {
  const response = await fetch(`${baseUrl}/gmail/v1/users/me/messages/send`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ raw: Buffer.from(message).toString('base64url') }),
    signal: AbortSignal.timeout(10_000),
  }).catch(() => {
    throw new GmailError(0, undefined);
  });
  const body = (await response.json().catch(() => ({}))) as {
    id?: string;
    error?: { status?: string };
  };
  if (!response.ok || typeof body.id !== 'string') {
    throw new GmailError(response.status, body.error?.status);
  }
  return { id: body.id };
}
