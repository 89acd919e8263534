import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { GRANT_HEALTH_FLAGS, type GrantHealthFlag } from '@grantkeeper/offline-access';
import { IsPlainText } from './is-plain-text.js';
import { IsTimestamp } from './is-timestamp.js';
import { PageQueryDto } from './page-query.dto.js';
import { fullScope } from './scope-name.js';

export const GRANT_STATUSES = ['active', 'revoked', 'suspended'] as const;

/** Filters of the grant list (also the filter of bulk revocation). */
export class GrantFilterDto {
  @ApiPropertyOptional({ enum: GRANT_STATUSES })
  @IsOptional()
  @IsIn(GRANT_STATUSES)
  status?: (typeof GRANT_STATUSES)[number];

  @ApiPropertyOptional({
    description:
      'A granted scope: the full URL or its short name (`gmail.send` stands for `https://www.googleapis.com/auth/gmail.send`).',
    example: 'gmail.send',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? fullScope(value) : value,
  )
  @IsPlainText(300)
  scope?: string;

  // The flags offline-access computes, by the schema's one name: a new flag is filterable at
  // once, and the dashboard's label table (typed by the generated schema) must name it.
  @ApiPropertyOptional({ enum: GRANT_HEALTH_FLAGS, enumName: 'GrantHealthFlag' })
  @IsOptional()
  @IsIn(GRANT_HEALTH_FLAGS)
  flag?: GrantHealthFlag;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Not used since (a never-used grant counts from its creation).',
  })
  @IsOptional()
  @IsTimestamp()
  lastUsedBefore?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after.' })
  @IsOptional()
  @IsTimestamp()
  createdFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before.' })
  @IsOptional()
  @IsTimestamp()
  createdTo?: string;
}

export class ListGrantsQueryDto extends IntersectionType(GrantFilterDto, PageQueryDto) {
  @ApiPropertyOptional({ enum: ['created_at', 'last_used_at'], default: 'created_at' })
  @IsOptional()
  @IsIn(['created_at', 'last_used_at'])
  sort: 'created_at' | 'last_used_at' = 'created_at';

  @ApiPropertyOptional({ enum: ['desc', 'asc'], default: 'desc' })
  @IsOptional()
  @IsIn(['desc', 'asc'])
  order: 'desc' | 'asc' = 'desc';
}
