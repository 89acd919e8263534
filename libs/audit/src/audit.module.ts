import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEventEntity } from './audit-event.entity.js';
import { AuditSearchService } from './audit-search.service.js';
import { AuditService } from './audit.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([AuditEventEntity])],
  providers: [AuditService, AuditSearchService],
  exports: [AuditService, AuditSearchService],
})
export class AuditModule {}

/** Entities owned by this module, for the composition root's data source. */
export const AUDIT_ENTITIES = [AuditEventEntity];
