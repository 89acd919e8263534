export { AUDIT_ACTOR_KINDS, type AuditActorKind } from './audit-event.entity.js';
export {
  type AuditFilter,
  type AuditRecord,
  type AuditSearchQuery,
  AuditSearchService,
} from './audit-search.service.js';
export { AUDIT_ENTITIES, AuditModule } from './audit.module.js';
export {
  type AuditEventInput,
  type AuditEventView,
  type AuditRequestContext,
  AuditService,
} from './audit.service.js';
export { sanitizeAuditDetails } from './audit-details.js';
export { csvLine } from './csv.js';
export { auditContextOf } from './request-context.js';
