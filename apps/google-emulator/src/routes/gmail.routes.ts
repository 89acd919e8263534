import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EmulatorContext } from '../emulator.context.js';
import { CONTROL_PREFIX } from '../faults.js';
import { findTestUser } from '../test-users.js';

/** Scopes that allow users.messages.send: https://developers.google.com/gmail/api/reference/rest/v1/users.messages/send */
const SEND_SCOPES = new Set([
  'https://mail.google.com/',
  'https://www.googleapis.com/auth/gmail.modify',
  'https://www.googleapis.com/auth/gmail.compose',
  'https://www.googleapis.com/auth/gmail.send',
]);

// Google APIs answer errors in this shape: https://cloud.google.com/apis/design/errors
function apiError(reply: FastifyReply, code: number, status: string, message: string) {
  if (code === 401) {
    void reply.header('www-authenticate', 'Bearer realm="https://accounts.google.com/"');
  }
  return reply.code(code).send({ error: { code, message, status, errors: [{ message }] } });
}

/**
 * A Gmail-shaped API for offline tasks: `users.messages.send`, checking the bearer token and
 * its scope as Google does. Sent messages are kept for `GET /__control/gmail/messages`.
 */
export function gmailRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post<{ Params: { userId: string }; Body: unknown }>(
    '/gmail/v1/users/:userId/messages/send',
    (request, reply) => {
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const token = bearer === undefined ? undefined : ctx.grants.findAccessToken(bearer);
      if (!token) {
        return apiError(
          reply,
          401,
          'UNAUTHENTICATED',
          'Request had invalid authentication credentials. Expected OAuth 2 access token.',
        );
      }
      if (!token.scopes.some((scope) => SEND_SCOPES.has(scope))) {
        return apiError(
          reply,
          403,
          'PERMISSION_DENIED',
          'Request had insufficient authentication scopes.',
        );
      }
      const user = findTestUser(token.sub);
      const { userId } = request.params;
      if (userId !== 'me' && userId !== user?.email) {
        return apiError(reply, 403, 'PERMISSION_DENIED', 'Delegation denied for ' + userId);
      }
      const raw = (request.body as { raw?: unknown } | undefined)?.raw;
      if (typeof raw !== 'string' || !/^[A-Za-z0-9_-]+=*$/.test(raw)) {
        return apiError(reply, 400, 'INVALID_ARGUMENT', "Invalid value for 'raw': base64url.");
      }
      const message = ctx.gmail.send(
        token.sub,
        token.clientId,
        Buffer.from(raw, 'base64url').toString('utf8'),
      );
      return { id: message.id, threadId: message.threadId, labelIds: ['SENT'] };
    },
  );

  app.get(`${CONTROL_PREFIX}gmail/messages`, () => ({ messages: ctx.gmail.list() }));
  app.delete(`${CONTROL_PREFIX}gmail/messages`, async (_request, reply) => {
    ctx.gmail.clear();
    return reply.code(204).send();
  });
}
