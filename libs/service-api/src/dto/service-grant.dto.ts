import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** A user's grant as a service sees it: its state and the scopes this service may use. */
export class ServiceGrantDto {
  @ApiProperty({ format: 'uuid', description: 'The grant.' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The user it belongs to.' }) user_id!: string;
  @ApiProperty({
    enum: ['active', 'revoked', 'suspended'],
    description: '`suspended`: Google disabled the account; tokens are refused until it is not.',
  })
  status!: string;

  @ApiProperty({
    type: [String],
    description: 'The granted scopes this service is allowed (others are not shown).',
  })
  granted_scopes!: string[];

  @ApiProperty({ format: 'date-time', description: 'When the user switched offline access on.' })
  created_at!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When anyone last used the grant, to the minute (a use within a minute of the last one recorded is not written again).',
  })
  last_used_at!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it was revoked; null while live.',
  })
  revoked_at!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why it was revoked.' })
  revocation_reason!: string | null;
}

export class ServiceGrantPageDto {
  @ApiProperty({
    type: [ServiceGrantDto],
    description:
      'The grants of this page, newest first; those of users who blocked this service are left out, so a page may hold fewer than `limit`.',
  })
  items!: ServiceGrantDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page.',
  })
  next_cursor!: string | null;
}

export class ListServiceGrantsQueryDto {
  @ApiPropertyOptional({
    description: 'Only grants with this scope (one this service is allowed).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(/^(?:https:\/\/\S+|openid|email|profile)$/, { message: 'scope must be a Google scope' })
  scope?: string;

  @ApiPropertyOptional({ enum: ['active', 'revoked', 'suspended'] })
  @IsOptional()
  @IsIn(['active', 'revoked', 'suspended'])
  status?: 'active' | 'revoked' | 'suspended';

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ description: 'The `next_cursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
