import { isRefusal, type ServiceClient } from '@grantkeeper/service-client';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { digestMessage, headerSafe } from './digest.js';
import {
  CALENDAR_READONLY,
  type ExampleServiceConfig,
  GMAIL_SEND,
} from './example-service.config.js';
import { GmailError, sendGmail } from './gmail.js';

/** A consent the service is waiting for: what to send the user to, and for which scopes. */
export interface PendingConsent {
  readonly missing_scopes: readonly string[];
  /** The consent-request link Grantkeeper gave with the refusal (null if it gave none). */
  readonly consent_url: string | null;
  readonly purpose: string;
  readonly asked_at: string;
}

export interface SentDigest {
  readonly message_id: string;
  readonly disclosure_id: string;
  readonly scopes: readonly string[];
  readonly sent_at: string;
}

interface SendBody {
  to?: unknown;
  name?: unknown;
  include_agenda?: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,255}$/;

/**
 * The example digest service: another team's service as Grantkeeper expects one, using nothing
 * but the typed client. `POST /digests/:userId/send` asks Grantkeeper for a Gmail token for the
 * user and sends the digest through Gmail; when the user has not granted a scope the digest
 * needs, it keeps the consent link Grantkeeper answered with, for the user to follow
 * (`GET /users/:id`, JSON or a small page). What it keeps is in memory: it is an example.
 */
export function buildExampleService(
  config: ExampleServiceConfig,
  grantkeeper: ServiceClient,
  options: { readonly logStream?: NodeJS.WritableStream } = {},
): FastifyInstance {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // The Gmail token and our API key travel in headers; neither is ever logged.
      redact: ['req.headers.authorization', 'access_token'],
    },
  });
  const pending = new Map<string, PendingConsent>();
  const sent = new Map<string, SentDigest>();

  app.get('/health', () => ({ status: 'ok' }));

  app.post<{ Params: { userId: string }; Body: SendBody | undefined }>(
    '/digests/:userId/send',
    async (request, reply) => {
      const { userId } = request.params;
      const body = request.body ?? {};
      if (!UUID.test(userId)) return refuse(reply, 400, 'invalid_user', 'userId is not a user id');
      if (typeof body.to !== 'string' || !EMAIL.test(body.to) || !headerSafe(body.to)) {
        return refuse(reply, 400, 'invalid_recipient', '`to` must be an email address');
      }
      const name = typeof body.name === 'string' && headerSafe(body.name) ? body.name : undefined;
      const withAgenda = body.include_agenda === true;
      const scopes = withAgenda ? [GMAIL_SEND, CALENDAR_READONLY] : [GMAIL_SEND];
      const now = new Date();
      let token;
      try {
        token = await grantkeeper.issueToken({
          user: { id: userId },
          scopes,
          purpose: config.purpose,
          purpose_detail: `digest of ${now.toISOString().slice(0, 10)}`,
        });
      } catch (error) {
        if (!isRefusal(error)) throw error;
        if (error.error === 'insufficient_scope') {
          const missing = error.missingScopes ?? [];
          const consent: PendingConsent = {
            missing_scopes: missing,
            consent_url: await consentLink(grantkeeper, config, userId, missing, error.consentUrl),
            purpose: config.purpose,
            asked_at: now.toISOString(),
          };
          pending.set(userId, consent);
          request.log.info({ msg: 'consent needed', userId, missing: consent.missing_scopes });
          return reply.code(409).send({ error: 'consent_needed', ...consent });
        }
        request.log.warn({ msg: 'token refused', userId, error: error.error });
        if (error.retryable) {
          if (error.retryAfter !== undefined) void reply.header('retry-after', error.retryAfter);
          return refuse(reply, 503, error.error, 'Grantkeeper is unavailable; retry later');
        }
        // The user's state (no grant, revoked, blocked) is theirs; anything else is our setup.
        const status = [403, 404, 409].includes(error.status) ? error.status : 502;
        return refuse(reply, status, error.error, error.body.message);
      }
      const message = digestMessage({
        to: body.to,
        name,
        agenda: withAgenda ? ['Your calendar is connected: its events go here.'] : undefined,
        now,
      });
      try {
        const gmail = await sendGmail(config.gmailBaseUrl, token.access_token, message);
        const digest: SentDigest = {
          message_id: gmail.id,
          disclosure_id: token.disclosure_id,
          scopes: token.scopes,
          sent_at: new Date().toISOString(),
        };
        sent.set(userId, digest);
        const waiting = pending.get(userId);
        if (waiting && waiting.missing_scopes.every((scope) => token.scopes.includes(scope))) {
          pending.delete(userId);
        }
        return { status: 'sent', ...digest };
      } catch (error) {
        if (!(error instanceof GmailError)) throw error;
        request.log.warn({ msg: 'gmail refused', userId, status: error.status });
        return refuse(reply, 502, 'gmail_failed', error.message);
      }
    },
  );

  app.get<{ Params: { id: string }; Querystring: { status?: unknown } }>(
    '/users/:id',
    async (request, reply) => {
      const { id } = request.params;
      const view = {
        user_id: id,
        pending_consent: pending.get(id) ?? null,
        last_digest: sent.get(id) ?? null,
      };
      if (!(request.headers.accept ?? '').includes('text/html')) return view;
      // Back from a consent link with a return_url: Grantkeeper adds how the request ended.
      const answered = typeof request.query.status === 'string' ? request.query.status : null;
      return reply.type('text/html; charset=utf-8').send(userPage(view, answered));
    },
  );

  return app;
}

/**
 * The link to send the user to for `missing`. With a public URL of our own (a registered return
 * origin), the consent request is asked for with a `return_url` to the user's page here, so
 * they land back with us; Grantkeeper reuses the pending request its refusal named, now with
 * that return. Without one, or if Grantkeeper refuses it, the refusal's own link.
 */
async function consentLink(
  grantkeeper: ServiceClient,
  config: ExampleServiceConfig,
  userId: string,
  missing: readonly string[],
  fallback: string | undefined,
): Promise<string | null> {
  if (!config.publicUrl || missing.length === 0) return fallback ?? null;
  const { data } = await grantkeeper.raw
    .POST('/api/v1/consent-requests', {
      body: {
        user: { id: userId },
        scopes: [...missing],
        purpose: config.purpose,
        return_url: `${config.publicUrl}/users/${userId}`,
      },
    })
    .catch(() => ({ data: undefined }));
  return data?.url ?? fallback ?? null;
}

function refuse(reply: FastifyReply, status: number, error: string, message: string) {
  return reply.code(status).send({ statusCode: status, error, message });
}

function userPage(
  view: {
    user_id: string;
    pending_consent: PendingConsent | null;
    last_digest: SentDigest | null;
  },
  answered: string | null,
): string {
  const consent = view.pending_consent;
  const back =
    answered === 'completed'
      ? '<p id="consent-answer" data-status="completed">Thank you: your next digest can use the access you allowed.</p>'
      : answered
        ? `<p id="consent-answer" data-status="${escape(answered)}">Nothing changed: your digest goes on without it. You can still allow it below.</p>`
        : '';
  // Just allowed (the request's link is done with): the thanks, not the link again.
  const body =
    answered === 'completed'
      ? back
      : back +
        (consent
          ? `<p>Your digest needs access you have not given yet: ${consent.missing_scopes
              .map((scope) => `<code>${escape(scope)}</code>`)
              .join(', ')}.</p>` +
            (consent.consent_url
              ? `<p><a id="consent-link" href="${escape(consent.consent_url)}">Review and allow it</a></p>`
              : '<p>Ask your administrator for a consent link.</p>')
          : '<p>Nothing is waiting for you.</p>');
  const last = view.last_digest
    ? `<p>Last digest sent ${escape(view.last_digest.sent_at)}.</p>`
    : '<p>No digest sent yet.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Your digest</title></head><body><h1>Your digest</h1>${body}${last}</body></html>`;
}

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
