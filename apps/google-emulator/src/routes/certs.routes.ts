import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EmulatorContext } from '../emulator.context.js';

/**
 * Google answers both certificate endpoints with `Cache-Control: public, max-age=<seconds until it
 * may rotate>, must-revalidate, no-transform` and a matching `Expires`; verifiers (including
 * google-auth-library) cache the keys for max-age, so rotation must publish keys in advance.
 */
function cacheLikeGoogle(reply: FastifyReply, maxAgeSeconds: number): void {
  reply.header('cache-control', `public, max-age=${maxAgeSeconds}, must-revalidate, no-transform`);
  reply.header('expires', new Date(Date.now() + maxAgeSeconds * 1000).toUTCString());
}

export function certsRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  // https://www.googleapis.com/oauth2/v3/certs: the published keys as a JWK Set.
  app.get('/oauth2/v3/certs', async (_request, reply) => {
    cacheLikeGoogle(reply, ctx.settings.certsMaxAgeSeconds);
    return { keys: ctx.keys.publishedKeys.map((key) => key.jwk) };
  });

  // https://www.googleapis.com/oauth2/v1/certs: `{ kid: PEM }`, where Google's PEM is a
  // self-signed X.509 certificate wrapping the key; so is ours (see x509-certificate.ts).
  app.get('/oauth2/v1/certs', async (_request, reply) => {
    cacheLikeGoogle(reply, ctx.settings.certsMaxAgeSeconds);
    return Object.fromEntries(ctx.keys.publishedKeys.map((key) => [key.kid, key.certificatePem]));
  });
}
