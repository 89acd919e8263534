import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsPlainText } from './is-plain-text.js';
import { IsTimestamp } from './is-timestamp.js';

const ACTOR_KINDS = ['user', 'admin', 'service', 'system', 'google', 'anonymous'];

/** Filters of the audit log (the JSON pages and the CSV export). */
export class AuditFilterDto {
  @ApiPropertyOptional({ enum: ACTOR_KINDS })
  @IsOptional()
  @IsIn(ACTOR_KINDS)
  actorKind?: string;

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

export class ListAuditQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
