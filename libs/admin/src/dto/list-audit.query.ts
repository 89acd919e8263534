import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AUDIT_ACTOR_KINDS, type AuditActorKind } from '@grantkeeper/audit';
import { IsPlainText } from './is-plain-text.js';
import { IsTimestamp } from './is-timestamp.js';
import { PageQueryDto } from './page-query.dto.js';

/** Filters of the audit log (the JSON pages and the CSV export). */
export class AuditFilterDto {
  @ApiPropertyOptional({ enum: AUDIT_ACTOR_KINDS })
  @IsOptional()
  @IsIn(AUDIT_ACTOR_KINDS)
  actorKind?: AuditActorKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsPlainText(200)
  actorId?: string;

  @ApiPropertyOptional({ example: 'offline_access.revoked' })
  @IsOptional()
  @IsPlainText(100)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The subject user.' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'At or after.' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before.' })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}

/** The audit filters, the time order, and the keyset page every admin list takes. */
export class ListAuditQueryDto extends IntersectionType(AuditFilterDto, PageQueryDto) {
  @ApiPropertyOptional({
    enum: ['desc', 'asc'],
    default: 'desc',
    description: 'By time: newest first (`desc`) or oldest first.',
  })
  @IsOptional()
  @IsIn(['desc', 'asc'])
  order: 'desc' | 'asc' = 'desc';
}
