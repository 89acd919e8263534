import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Exactly one of `id` and `google_sub` (checked by the service: neither or both is a 400). */
export class UserReferenceDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The user’s id here.' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({ description: 'The user’s Google account id (`sub`).' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,64}$/, { message: 'google_sub must be Google’s numeric account id' })
  google_sub?: string;
}

export class IssueTokenDto {
  @ApiProperty({
    type: UserReferenceDto,
    description: 'Whose Google access: `{ id }` or `{ google_sub }`.',
  })
  @ValidateNested()
  @Type(() => UserReferenceDto)
  user!: UserReferenceDto;

  @ApiProperty({
    type: [String],
    description: 'Google scopes the token must carry, as full URLs; each allowed for this service.',
    example: ['https://www.googleapis.com/auth/gmail.send'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  @Matches(/^(?:https:\/\/\S+|openid|email|profile)$/, {
    each: true,
    message: 'each scope must be a Google scope URL, openid, email or profile',
  })
  scopes!: string[];

  @ApiProperty({
    description:
      'A purpose id from this service’s catalogue: what the token is for, shown to the user.',
    example: 'weekly-digest',
  })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: 'purpose must be a purpose id (kebab-case)' })
  purpose!: string;

  @ApiPropertyOptional({
    description: 'Free text about this one read (a job id, a ticket), kept on the disclosure.',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^\u0000-\u001f\u007f]*$/, {
    message: 'purpose_detail must not contain control characters',
  })
  purpose_detail?: string;

  @ApiPropertyOptional({
    description:
      'Least life the token must have left, in seconds. The broker never hands out a token with less than 300 s left, so up to 300 is always met.',
    minimum: 0,
    maximum: 300,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(300)
  min_ttl_seconds?: number;
}

export class TokenGrantDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: ['active'],
    description: 'Always `active` on a token: other states are refusals.',
  })
  status!: string;
  @ApiProperty({ type: [String], description: 'Every scope the user granted.' })
  granted_scopes!: string[];
}

export class IssuedTokenDto {
  @ApiProperty({ description: 'The Google access token. Live: never log it.' })
  access_token!: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type!: 'Bearer';
  @ApiProperty({ format: 'date-time' }) expires_at!: string;
  @ApiProperty({ description: 'Seconds left, at the time of the answer.' }) expires_in!: number;
  @ApiProperty({ type: [String], description: 'The scopes the token carries.' }) scopes!: string[];
  @ApiProperty({ type: TokenGrantDto }) grant!: TokenGrantDto;
  @ApiProperty({ description: 'The id of the disclosure that records this read.' })
  disclosure_id!: string;
}
