import { ApiProperty } from '@nestjs/swagger';

/** One audit event as the dashboard shows it. */
export class AuditEventDto {
  @ApiProperty({ description: 'Increasing identity, as a string.' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: ['user', 'admin', 'service', 'system', 'google', 'anonymous'] })
  actorKind!: string;
  @ApiProperty({ type: String, nullable: true }) actorId!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) subjectUserId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) grantId!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export interface AuditEventRow {
  id: string;
  occurred_at: Date;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  subject_user_id: string | null;
  grant_id: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

export const AUDIT_COLUMNS =
  'e.id::text AS id, e.occurred_at, e.actor_kind, e.actor_id, e.action, e.subject_user_id, ' +
  'e.grant_id, e.request_id, e.ip, e.user_agent, e.details';

export function auditEventOf(row: AuditEventRow): AuditEventDto {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    action: row.action,
    subjectUserId: row.subject_user_id,
    grantId: row.grant_id,
    requestId: row.request_id,
    ip: row.ip,
    userAgent: row.user_agent,
    details: row.details,
  };
}
