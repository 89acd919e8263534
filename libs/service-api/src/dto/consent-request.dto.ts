import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CONSENT_REQUEST_STATUSES, type ConsentRequest } from '../consent-request.js';
import { UserReferenceDto } from './issue-token.dto.js';

export class CreateConsentRequestDto {
  @ApiProperty({
    type: UserReferenceDto,
    description: 'Whom to ask: `{ id }` or `{ google_sub }`.',
  })
  @ValidateNested()
  @Type(() => UserReferenceDto)
  user!: UserReferenceDto;

  @ApiProperty({
    type: [String],
    description: 'Google scopes to ask the user for, as full URLs; each allowed for this service.',
    example: ['https://www.googleapis.com/auth/calendar.readonly'],
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
      'A purpose id from this service’s catalogue: its feature text is shown to the user.',
    example: 'weekly-digest',
  })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: 'purpose must be a purpose id (kebab-case)' })
  purpose!: string;

  @ApiPropertyOptional({
    description:
      'Where to send the user afterwards, with `?consent_request=<id>&status=<status>` added; at one of the service’s registered return origins. Without it the user goes to their account page.',
    example: 'https://newsletter.example.com/settings',
    maxLength: 2000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^\u0000-\u0020\u007f]+$/, {
    message: 'return_url must not contain spaces or control characters',
  })
  return_url?: string;
}

export class ConsentRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The request.' }) id!: string;

  @ApiProperty({ description: 'The page to send the user to (`/consent/<id>`).' })
  url!: string;

  @ApiProperty({
    enum: CONSENT_REQUEST_STATUSES,
    description:
      '`pending` until the user answers; `completed` after Google’s consent (see `granted_scopes`: the user may have unticked some), `declined` ("Not now"), `expired` after `expires_at`.',
  })
  status!: string;

  @ApiProperty({ format: 'date-time', description: 'When the link stops working (a week).' })
  expires_at!: string;

  @ApiProperty({ format: 'date-time', description: 'When it was first asked.' })
  created_at!: string;

  @ApiProperty({ format: 'uuid', description: 'The user asked.' }) user_id!: string;

  @ApiProperty({ type: [String], description: 'The scopes asked for, normalised and sorted.' })
  scopes!: string[];

  @ApiProperty({ description: 'The purpose id.' }) purpose!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Where the user is sent afterwards.' })
  return_url!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the user completed or declined it.',
  })
  completed_at!: string | null;

  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'Once completed: the asked scopes the user granted.',
  })
  granted_scopes!: string[] | null;

  @ApiProperty({
    type: [String],
    description:
      'The asked scopes not granted: all of them while pending, those unticked once completed.',
  })
  missing_scopes!: string[];

  static from(request: ConsentRequest, url: string): ConsentRequestDto {
    const granted = request.grantedScopes ?? [];
    return {
      id: request.id,
      url,
      status: request.status,
      expires_at: request.expiresAt.toISOString(),
      created_at: request.createdAt.toISOString(),
      user_id: request.userId,
      scopes: [...request.scopes],
      purpose: request.purpose,
      return_url: request.returnUrl,
      completed_at: request.completedAt?.toISOString() ?? null,
      granted_scopes: request.grantedScopes ? [...request.grantedScopes] : null,
      missing_scopes: request.scopes.filter((scope) => !granted.includes(scope)),
    };
  }
}
