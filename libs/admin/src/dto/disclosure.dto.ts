import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { IsTimestamp } from './is-timestamp.js';
import { PageQueryDto } from './page-query.dto.js';

/** Filters of the disclosures (the JSON pages and the CSV export). */
export class DisclosureFilterDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The service client.' })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The user whose access was read.' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: 'A purpose id.', example: 'weekly-digest' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: 'purpose must be a purpose id' })
  purpose?: string;

  @ApiPropertyOptional({ enum: ['issued', 'refused'] })
  @IsOptional()
  @IsIn(['issued', 'refused'])
  outcome?: 'issued' | 'refused';

  @ApiPropertyOptional({ description: 'A refusal code.', example: 'scope_not_granted' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'refusal must be a refusal code' })
  refusal?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'At or after.' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before.' })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}

export class ListDisclosuresQueryDto extends IntersectionType(DisclosureFilterDto, PageQueryDto) {}

/** One read of a user's Google access by a service, given or refused. */
export class DisclosureDto {
  @ApiProperty({ description: 'Increasing identity, as a string.' }) id!: string;
  @ApiProperty({ format: 'date-time', description: 'When the service asked.' }) occurredAt!: string;
  @ApiProperty({ format: 'uuid', description: 'The service client.' }) clientId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its name; null once deleted.' })
  clientName!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The API key used.' })
  keyId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Or the access token used, by a private_key_jwt client.',
  })
  accessTokenId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The user.' })
  userId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The user's email." })
  userEmail!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The grant.' })
  grantId!: string | null;
  @ApiProperty({ type: [String], description: 'The scopes asked for.' }) scopes!: string[];
  @ApiProperty({ description: 'The purpose id the service gave.' }) purpose!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The service’s note on this read.' })
  purposeDetail!: string | null;
  @ApiProperty({ enum: ['issued', 'refused'], description: 'Whether a token was given.' })
  outcome!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The refusal’s code.' })
  refusal!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'SHA-256 of the token given (`sha256:<base64url>`), to trace a leaked token.',
  })
  tokenFingerprint!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The request id.' })
  requestId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The service’s address.' })
  ip!: string | null;
}

export class DisclosurePageDto {
  @ApiProperty({
    type: [DisclosureDto],
    description: 'The disclosures of this page, newest first.',
  })
  items!: DisclosureDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page.',
  })
  nextCursor!: string | null;
}
