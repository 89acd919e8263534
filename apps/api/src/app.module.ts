import type { IncomingMessage } from 'node:http';
import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditModule } from '@grantkeeper/audit';
import { type AppConfig, ConfigModule } from '@grantkeeper/config';
import { DatabaseModule } from '@grantkeeper/database';
import { GoogleModule } from '@grantkeeper/google';
import { IdentityModule } from '@grantkeeper/identity';
import { LoggerModule } from 'nestjs-pino';
import { migrations } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { HealthModule } from './health/health.module.js';
import { ApiExceptionFilter } from './http/api-exception.filter.js';
import { LOG_REDACT_PATHS, redactUrl } from './http/log-redaction.js';
import { requestIdOf } from './http/request-id.js';
import { PagesController } from './pages/pages.controller.js';

@Module({})
export class AppModule {
  /** The whole application for one validated configuration. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          // nestjs-pino's default route pattern never matches under Nest 12 on Fastify (middie).
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            genReqId: (request: IncomingMessage) => requestIdOf(request),
            redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
            serializers: {
              req: (request: { id: string; method: string; url: string }) => ({
                id: request.id,
                method: request.method,
                url: redactUrl(request.url),
              }),
              res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
            },
            autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health' },
            transport:
              config.env === 'development'
                ? { target: 'pino-pretty', options: { singleLine: true } }
                : undefined,
          },
        }),
        DatabaseModule.forRoot({
          url: config.database.url,
          poolSize: config.database.poolSize,
          entities: ENTITIES,
          migrations,
        }),
        GoogleModule,
        AuditModule,
        IdentityModule,
        HealthModule,
      ],
      controllers: [PagesController],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
