import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import { RiscSigningKeys } from '@grantkeeper/google';
import { IdentityModule } from '@grantkeeper/identity';
import { OfflineAccessModule } from '@grantkeeper/offline-access';
import { RiscActions } from './risc-actions.js';
import { RiscController } from './risc.controller.js';
import { RiscEventEntity } from './risc-event.entity.js';
import { RiscEventsService } from './risc-events.service.js';
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
