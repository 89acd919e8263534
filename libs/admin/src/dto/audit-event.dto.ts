import { ApiProperty } from '@nestjs/swagger';

/** One audit event as the dashboard shows it. */
export class AuditEventDto {
  @ApiProperty({ description: 'Increasing identity, as a string.' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: ['user', 'admin', 'service', 'system', 'google', 'anonymous'] })
  actorKind!: string;
  @ApiProperty({ type: String, nullable: true }) actorId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The actor's email, when the actor is a user or an admin who still exists.",
  })
  actorEmail!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'For an anonymous event (a step before the caller is known, such as a code exchange): the user or admin another event of the same request names as its actor.',
  })
  requestUserId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "That user's email." })
  requestUserEmail!: string | null;

  @ApiProperty() action!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) subjectUserId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The subject user's email." })
  subjectEmail!: string | null;

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

export interface AuditEventWithPeopleRow extends AuditEventRow {
  actor_email: string | null;
  subject_email: string | null;
  request_user_id: string | null;
  request_user_email: string | null;
}

export const AUDIT_COLUMNS =
  'e.id::text AS id, e.occurred_at, e.actor_kind, e.actor_id, e.action, e.subject_user_id, ' +
  'e.grant_id, e.request_id, e.ip, e.user_agent, e.details';

/** A user id from `actor_id`, which holds other ids for other kinds: never a failing cast. */
const ACTOR_UUID = (column: string) =>
  `CASE WHEN ${column} ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        THEN ${column}::uuid END`;

/**
 * The events that `page` selects (with {@link AUDIT_COLUMNS}, already ordered and limited) with
 * the people they name: the actor's and the subject's email, and for an anonymous event the user
 * whose request it was, from another event of that request. Joined after the limit, so only the
 * page's rows are looked up: primary keys, and for an anonymous event a window of the time index
 * (the request's later events come within its run, well under 30 s: Google calls time out first).
 */
export function withPeopleSql(page: string): string {
  return `SELECT e.*, a.email AS actor_email, s.email AS subject_email,
                 r.actor_id AS request_user_id, ra.email AS request_user_email
            FROM (${page}) e
            LEFT JOIN users a ON e.actor_kind IN ('user', 'admin')
                             AND a.id = ${ACTOR_UUID('e.actor_id')}
            LEFT JOIN users s ON s.id = e.subject_user_id
            LEFT JOIN LATERAL (
              SELECT o.actor_id FROM audit_events o
               WHERE e.actor_kind = 'anonymous' AND e.request_id IS NOT NULL
                 AND o.occurred_at BETWEEN e.occurred_at - interval '1 second'
                                       AND e.occurred_at + interval '30 seconds'
                 AND o.request_id = e.request_id AND o.actor_kind IN ('user', 'admin')
               ORDER BY o.occurred_at LIMIT 1) r ON true
            LEFT JOIN users ra ON ra.id = ${ACTOR_UUID('r.actor_id')}
           ORDER BY e.occurred_at DESC, e.id::bigint DESC`;
}

export function auditEventOf(row: AuditEventWithPeopleRow): AuditEventDto {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    requestUserId: row.request_user_id,
    requestUserEmail: row.request_user_email,
    action: row.action,
    subjectUserId: row.subject_user_id,
    subjectEmail: row.subject_email,
    grantId: row.grant_id,
    requestId: row.request_id,
    ip: row.ip,
    userAgent: row.user_agent,
    details: row.details,
  };
}
