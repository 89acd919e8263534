import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { EmulatorConfig } from './emulator.config.js';
import { createEmulatorContext, type EmulatorContext } from './emulator.context.js';
import { EmulatorError } from './emulator.errors.js';
import { installFaultHooks } from './faults.js';
import { htmlPage, sendHtml } from './pages/html.js';
import { avatarsRoutes } from './routes/avatars.routes.js';
import { certsRoutes } from './routes/certs.routes.js';
import { controlRoutes } from './routes/control.routes.js';
import { discoveryRoutes } from './routes/discovery.routes.js';
import { gmailRoutes } from './routes/gmail.routes.js';
import { gsiRoutes } from './routes/gsi.routes.js';
import { oauthAuthorizeRoutes } from './routes/oauth-authorize.routes.js';
import { oauthTokenRoutes } from './routes/oauth-token.routes.js';
import { oauthTokenInfoRoutes } from './routes/oauth-tokeninfo.routes.js';
import { oneTapRoutes } from './routes/one-tap.routes.js';
import { riscRoutes } from './routes/risc.routes.js';

function listeningPort(app: FastifyInstance): number | undefined {
  const address = app.server.address();
  return typeof address === 'object' && address !== null ? address.port : undefined;
}

function installBodyParsers(app: FastifyInstance): void {
  // Plain JSON.parse keeps hostile keys such as "__proto__" as data (tests mint tokens with
  // them) and an empty body is "no input", not an error.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, body === '' ? undefined : (JSON.parse(body as string) as unknown));
    } catch {
      done(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });
  // Google's endpoints take form posts (token, revoke, GIS redirect mode, the chooser). A field
  // sent more than once (the consent screen's checkboxes) becomes an array; Object.fromEntries
  // keeps a "__proto__" field as plain data.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      const params = new URLSearchParams(body as string);
      const fields = [...new Set(params.keys())].map((name) => {
        const values = params.getAll(name);
        return [name, values.length === 1 ? values[0] : values] as const;
      });
      done(null, Object.fromEntries(fields));
    },
  );
}

function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler<FastifyError | EmulatorError>((error, _request, reply) => {
    if (error instanceof EmulatorError) return reply.code(error.statusCode).send(error.toJSON());
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .code(status)
        .send({ error: 'invalid_request', error_description: error.message });
    }
    return reply.code(500).send({ error: 'internal_failure', error_description: error.message });
  });

  // Google answers unknown paths with its "404. That's an error." page; API clients get JSON.
  app.setNotFoundHandler((request, reply) => {
    const description = `${request.method} ${request.url.split('?', 1)[0]} is not an emulated Google endpoint`;
    if (request.headers.accept?.includes('text/html')) {
      return sendHtml(
        reply,
        404,
        htmlPage({ title: 'Error 404 (Not Found)', body: `<p><b>404.</b> That’s an error.</p>` }),
      );
    }
    return reply.code(404).send({ error: 'not_found', error_description: description });
  });
}

/**
 * With a state directory, a request that may have changed the state schedules a save, and
 * closing saves at once. GETs change nothing but the authorization endpoint's (a returning user's
 * code is issued there without a form post).
 */
function installStateHooks(app: FastifyInstance, ctx: EmulatorContext): void {
  const state = ctx.state;
  if (state === undefined) return;
  app.addHook('onResponse', (request, _reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') state.changed();
    else if (request.url.startsWith('/o/oauth2/')) state.changed();
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    state.flush();
    done();
  });
}

/**
 * The Google emulator as a Fastify app, not listening yet. Embed it (`app.inject`, or
 * `app.listen({ port: 0 })`) or use {@link startEmulator}.
 */
export async function buildEmulator(config: EmulatorConfig): Promise<FastifyInstance> {
  // forceCloseConnections: browsers and hang faults keep connections open; close() must not wait.
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const publicUrl = () =>
    (config.publicUrl ?? `http://localhost:${listeningPort(app) ?? config.port}`).replace(
      /\/$/,
      '',
    );
  const ctx = await createEmulatorContext(config, publicUrl);

  installBodyParsers(app);
  installErrorHandlers(app);
  installFaultHooks(app, ctx.faults, ctx.calls);
  installStateHooks(app, ctx);

  // Each routes module adds its routes to the root instance, so the hooks above cover them all.
  discoveryRoutes(app, ctx);
  certsRoutes(app, ctx);
  avatarsRoutes(app);
  gsiRoutes(app, ctx);
  oneTapRoutes(app, ctx);
  oauthAuthorizeRoutes(app, ctx);
  oauthTokenRoutes(app, ctx);
  oauthTokenInfoRoutes(app, ctx);
  riscRoutes(app, ctx);
  controlRoutes(app, ctx);
  gmailRoutes(app, ctx);
  return app;
}

export interface RunningEmulator {
  app: FastifyInstance;
  /** The emulator's public origin, e.g. http://localhost:4400. */
  url: string;
  close: () => Promise<void>;
}

/** Builds and starts listening on `config.host`:`config.port` (0 = any free port). */
export async function startEmulator(config: EmulatorConfig): Promise<RunningEmulator> {
  const app = await buildEmulator(config);
  await app.listen({ port: config.port, host: config.host });
  const url = (config.publicUrl ?? `http://localhost:${listeningPort(app)}`).replace(/\/$/, '');
  return { app, url, close: () => app.close() };
}
