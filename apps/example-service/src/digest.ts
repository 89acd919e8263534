/** What goes into one user's digest. */
export interface Digest {
  readonly to: string;
  readonly name: string | undefined;
  /** Agenda lines, when the digest includes the user's calendar. */
  readonly agenda?: readonly string[];
  readonly now: Date;
}

/** The digest as an RFC 2822 message (what Gmail's `users.messages.send` takes as `raw`). */
export function digestMessage(digest: Digest): string {
  const week = digest.now.toISOString().slice(0, 10);
  const lines = [
    `Hello${digest.name ? ` ${digest.name}` : ''},`,
    '',
    `Here is your weekly digest for the week of ${week}.`,
    ...(digest.agenda ? ['', 'Your agenda:', ...digest.agenda.map((line) => `  - ${line}`)] : []),
    '',
    '-- The example digest service',
  ];
  return [
    `To: ${digest.to}`,
    'From: me',
    `Subject: Your weekly digest (${week})`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    ...lines,
  ].join('\r\n');
}

/** A header value without line breaks (a recipient or name cannot add headers). */
export function headerSafe(value: string): boolean {
  return !/[\r\n]/.test(value);
}
