import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import { IdentityModule } from '@grantkeeper/identity';
import { OfflineAccessModule } from '@grantkeeper/offline-access';
import { RiscActions } from './risc-actions.js';
import { RiscController } from './risc.controller.js';
import { RiscEventEntity } from './risc-event.entity.js';
import { RiscEventsService } from './risc-events.service.js';
import { RiscSigningKeys } from './risc-signing-keys.js';
import { SecurityEventTokenVerifier } from './security-event-token.verifier.js';

/** Entities owned by this module, for the composition root's data source. */
export const RISC_ENTITIES = [RiscEventEntity];

/** Google Cross-Account Protection: the security event receiver at `POST /risc/events`. */
@Module({
  imports: [
    TypeOrmModule.forFeature(RISC_ENTITIES),
    AuditModule,
    IdentityModule,
    OfflineAccessModule,
  ],
  controllers: [RiscController],
  providers: [
    {
      provide: RiscSigningKeys,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const google = config.get('google');
        return new RiscSigningKeys({
          configurationUrl: google.risc.configurationUrl,
          jwksUrl: google.risc.jwksUrl,
          issuer: google.risc.issuer,
          timeoutMs: google.httpTimeoutMs,
          refetchCooldownMs: google.certsMinRefreshMs,
        });
      },
    },
    {
      provide: SecurityEventTokenVerifier,
      inject: [ConfigService, RiscSigningKeys],
      useFactory: (config: ConfigService, keys: RiscSigningKeys) =>
        new SecurityEventTokenVerifier(
          { issuer: config.get('google').risc.issuer, audiences: config.get('google').clientIds },
          keys,
        ),
    },
    RiscActions,
    RiscEventsService,
  ],
})
export class RiscModule {}
