import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { loadConfig } from '@grantkeeper/config';
import { SERVICE_API_KEY_SCHEME } from '@grantkeeper/service-api';
import pino from 'pino';
import { AppModule } from '../app.module.js';
import { documentErrorResponses } from './error-responses.js';
import { describeSchemaProperties } from './schema-descriptions.js';

/**
 * The OpenAPI document of the api's routes, as served at /api/docs/openapi.json: `servers` is
 * this deployment's public URL, and every error response has the error body's schema.
 */
export function buildOpenApiDocument(app: INestApplication, publicUrl: string): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Grantkeeper')
      .setDescription(
        'Google sign-in verification, offline grants and the service API. Every error answer ' +
          'is `{ statusCode, error, message }` (the `ErrorResponse` schema), `error` a stable code.',
      )
      .setVersion('1')
      .addServer(publicUrl, 'This deployment (PUBLIC_URL)')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'Google ID token' })
      .addCookieAuth('gk_session')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'gk_<env>_ API key or gkat_<env>_ access token',
          description:
            'A service client’s API key, or an access token from POST /api/v1/oauth/token (private_key_jwt), on the service API routes under /api/v1/ but /me.',
        },
        SERVICE_API_KEY_SCHEME,
      )
      .build(),
  );
  return describeSchemaProperties(documentErrorResponses(document));
}

/** Placeholder settings: preview mode instantiates nothing, so nothing here is ever used. */
const PREVIEW_ENV = {
  NODE_ENV: 'test',
  DATABASE_URL: 'postgres://preview@127.0.0.1:1/preview',
  GOOGLE_CLIENT_IDS: 'preview.apps.googleusercontent.com',
  GOOGLE_CLIENT_SECRET: 'preview-secret',
  GOOGLE_EMULATOR_URL: 'http://127.0.0.1:1',
  SESSION_SECRET: 'preview-session-secret-preview-session-secret',
  VAULT_KEYS: `1:${Buffer.alloc(32).toString('base64url')}`,
  SCHEDULER_ENABLED: 'false',
  LOG_LEVEL: 'silent',
};

/**
 * The same document without a database: Nest's preview mode resolves the module graph (and so
 * every controller's metadata) without instantiating providers or connecting to anything.
 */
export async function previewOpenApiDocument(): Promise<OpenAPIObject> {
  const { config } = loadConfig(PREVIEW_ENV);
  const app = await NestFactory.create(
    AppModule.forRoot(config, pino({ level: 'silent' })),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  try {
    return buildOpenApiDocument(app, config.publicUrl);
  } finally {
    await app.close();
  }
}
