import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AdminModule } from '@grantkeeper/admin';
import { AuditModule } from '@grantkeeper/audit';
import { type AppConfig, ConfigModule } from '@grantkeeper/config';
import { GoogleModule } from '@grantkeeper/google';
import { IdentityModule } from '@grantkeeper/identity';
import { VaultModule } from '@grantkeeper/vault';
import { OfflineAccessModule } from '@grantkeeper/offline-access';
import { SchedulerModule } from '@grantkeeper/scheduler';
import { RiscModule } from '@grantkeeper/risc';
import { ServiceApiModule } from '@grantkeeper/service-api';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AdminAppController } from './admin-app/admin-app.controller.js';
import { appDatabaseModule } from './app-database.module.js';
import { HealthModule } from './health/health.module.js';
import { ApiExceptionFilter } from './http/api-exception.filter.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { ConsentController } from './pages/consent.controller.js';
import { FontsController } from './pages/fonts.controller.js';
import { PagesController } from './pages/pages.controller.js';

@Module({})
export class AppModule {
  /** The whole application for one validated configuration. */
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    const scheduler = SchedulerModule.forRoot();
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // Requests are logged by Fastify (create-app.ts); Nest's own logs go through the same
        // pino logger. nestjs-pino's per-request middleware is left out: run through middie, it
        // measurably cut the guarded /api/v1/me throughput (docs/BENCHMARKS.md).
        LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] }),
        appDatabaseModule({ url: config.database.url, poolSize: config.database.poolSize }),
        GoogleModule,
        AuditModule,
        IdentityModule,
        VaultModule,
        OfflineAccessModule,
        scheduler,
        RiscModule,
        ServiceApiModule,
        AdminModule.forRoot({ scheduler }),
        HealthModule,
      ],
      controllers: [
        PagesController,
        ConsentController,
        FontsController,
        MetricsController,
        AdminAppController,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
