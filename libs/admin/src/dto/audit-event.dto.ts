import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTOR_KINDS } from '@grantkeeper/audit';

/** One audit event as the dashboard shows it. */
export class AuditEventDto {
  @ApiProperty({ description: 'Increasing identity, as a string.' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: AUDIT_ACTOR_KINDS })
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
