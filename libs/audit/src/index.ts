export type { AuditActorKind } from './audit-event.entity.js';
export { AUDIT_ENTITIES, AuditModule } from './audit.module.js';
export {
  type AuditEventInput,
  type AuditEventView,
  type AuditRequestContext,
  AuditService,
} from './audit.service.js';
export { sanitizeAuditDetails } from './audit-details.js';
export { auditContextOf } from './request-context.js';
