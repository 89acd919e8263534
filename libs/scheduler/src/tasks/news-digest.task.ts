import { type GmailSender, GoogleCallError } from '@grantkeeper/google';
import { type OfflineTask, type OfflineTaskContext, OfflineTaskError } from '../offline-task.js';
import { NEWS, NEWS_CATEGORIES, type NewsItem } from './news-items.js';

const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
/** Items per category in one digest. */
const ITEMS_PER_CATEGORY = 3;

export interface NewsDigestOptions {
  /** Gmail's `users.messages.send`, from `@grantkeeper/google`. */
  readonly gmail: GmailSender;
  /** Where the user changes or stops the digest (`PUBLIC_URL/account`), linked from every mail. */
  readonly accountUrl: string;
  readonly schedule: string;
}

/**
 * The news digest: on its schedule, mails each subscriber the latest items of the categories they
 * picked, from their own Gmail account to themselves, through `users.messages.send`
 * (https://developers.google.com/gmail/api/reference/rest/v1/users.messages/send). Needs only
 * `gmail.send`, which cannot read the mailbox.
 */
export function newsDigestTask(options: NewsDigestOptions): OfflineTask {
  return {
    name: 'news-digest',
    title: 'News digest by email',
    scopes: [GMAIL_SEND],
    schedule: options.schedule,
    parseSettings(input) {
      const categories = (input as { categories?: unknown } | null)?.categories;
      if (
        !Array.isArray(categories) ||
        categories.length === 0 ||
        !categories.every((c) => typeof c === 'string' && NEWS_CATEGORIES.includes(c))
      ) {
        throw new OfflineTaskError(
          'invalid_settings',
          `categories must list one or more of: ${NEWS_CATEGORIES.join(', ')}.`,
          false,
        );
      }
      return { categories: [...new Set(categories as string[])].sort() };
    },
    async run(context) {
      const categories = (context.settings.categories as string[] | undefined) ?? [];
      const items = categories.flatMap((category) =>
        (NEWS[category]?.items ?? [])
          .slice(0, ITEMS_PER_CATEGORY)
          .map((item) => ({ category, item })),
      );
      if (!context.email) throw new OfflineTaskError('no_email', 'The user has no email.', false);
      const message = composeDigest(context, items, options.accountUrl);
      await sendThroughGmail(options, context, message);
      return { categories, items: items.length };
    },
  };
}

function composeDigest(
  context: OfflineTaskContext,
  items: ReadonlyArray<{ category: string; item: NewsItem }>,
  accountUrl: string,
): string {
  const date = new Date().toISOString().slice(0, 10);
  const lines = [`Hello ${context.name ?? ''},`.replace(' ,', ','), '', 'Your news today:', ''];
  for (const { category, item } of items) {
    lines.push(`[${NEWS[category]?.label ?? category}] ${item.title}`, `  ${item.summary}`);
    lines.push(`  ${item.url}`, '');
  }
  lines.push('You get this because you turned the news digest on at Grantkeeper.');
  lines.push(`Change its topics or turn it off on your account page: ${accountUrl}`);
  return [
    `From: ${context.email}`,
    `To: ${context.email}`,
    `Subject: ${encodeHeader(`Your news digest for ${date}`)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    lines.join('\r\n'),
  ].join('\r\n');
}

// RFC 2047: non-ASCII header text as an encoded word.
function encodeHeader(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
}

async function sendThroughGmail(
  options: NewsDigestOptions,
  context: OfflineTaskContext,
  message: string,
): Promise<void> {
  try {
    try {
      await options.gmail.send(context.accessToken, message, context.signal);
    } catch (error) {
      // 401: Google no longer accepts this access token (revoked with the grant, or the token
      // alone). The broker drops it and refreshes once: a new token means only the token was
      // dead, and the message goes with it; a dead grant rejects the renewal and pauses the task.
      if (!(error instanceof GoogleCallError) || error.code !== 'invalid_token') throw error;
      await options.gmail.send(await context.renewAccessToken(), message, context.signal);
    }
  } catch (error) {
    throw error instanceof GoogleCallError ? taskError(error) : error;
  }
}

/** Gmail's refusal as the run's error: a fixed code, the HTTP status as data. */
function taskError(error: GoogleCallError): OfflineTaskError {
  const options = { cause: error, upstreamStatus: error.upstreamStatus };
  switch (error.code) {
    case 'google_unreachable':
    case 'google_timeout':
      return new OfflineTaskError('gmail_unreachable', 'Gmail did not answer.', true, options);
    case 'google_unavailable':
    case 'google_rate_limited':
    case 'google_malformed_answer':
      return new OfflineTaskError('gmail_unavailable', 'Gmail is unavailable.', true, options);
    case 'invalid_token':
      return new OfflineTaskError(
        'gmail_token_refused',
        'Gmail refused the access token.',
        true,
        options,
      );
    // 403: the token lacks the scope (the user unticked it): waiting won't help, reconnecting will.
    case 'google_forbidden':
      return new OfflineTaskError(
        'scope_not_granted',
        'Gmail refused: insufficient scope.',
        false,
        options,
      );
    case 'invalid_grant':
    case 'reauth_required':
    case 'invalid_client':
    case 'google_rejected':
      return new OfflineTaskError('gmail_rejected', 'Gmail refused the message.', true, options);
  }
}
