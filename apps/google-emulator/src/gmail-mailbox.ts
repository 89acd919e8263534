import { randomBytes } from 'node:crypto';

/** A message "sent" through the emulated Gmail API, as `GET /__control/gmail/messages` lists it. */
export interface SentMessage {
  readonly id: string;
  readonly threadId: string;
  /** The account whose access token sent it. */
  readonly sub: string;
  readonly clientId: string;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly subject: string | undefined;
  /** The decoded RFC 2822 message. */
  readonly raw: string;
  readonly sentAt: string;
}

/** Every message sent through the emulator, oldest first; cleared by `/__control/reset`. */
export class GmailMailbox {
  private messages: SentMessage[] = [];

  send(sub: string, clientId: string, raw: string): SentMessage {
    const headers = headersOf(raw);
    const id = randomBytes(8).toString('hex');
    const message: SentMessage = {
      id,
      threadId: id,
      sub,
      clientId,
      from: headers.get('from'),
      to: headers.get('to'),
      subject: headers.get('subject'),
      raw,
      sentAt: new Date().toISOString(),
    };
    this.messages.push(message);
    return message;
  }

  list(): readonly SentMessage[] {
    return this.messages;
  }

  /** Replaces the messages (state-store.ts). */
  restore(messages: readonly SentMessage[]): void {
    this.messages = [...messages];
  }

  clear(): void {
    this.messages = [];
  }
}

// RFC 5322 §2.2: header lines up to the first empty line; folded lines start with white space.
function headersOf(raw: string): Map<string, string> {
  const headers = new Map<string, string>();
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  let last: string | undefined;
  for (const line of head.split(/\r?\n/)) {
    if (/^\s/.test(line) && last) {
      headers.set(last, `${headers.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    headers.set(last, line.slice(colon + 1).trim());
  }
  return headers;
}
