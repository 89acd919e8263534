import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  GRANT_HEALTH_FLAGS,
  type GrantHealthFlag,
  type GrantStatus,
  GrantViewDto,
} from '@grantkeeper/offline-access';
import { MinLength } from 'class-validator';
import { IsPlainText } from './is-plain-text.js';
import { AuditEventDto } from './audit-event.dto.js';

/** A grant as admins see it: its state and history, never its tokens or envelope ids. */
export class AdminGrantDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ enum: ['active', 'revoked', 'suspended'] }) status!: GrantStatus;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty({ enum: GRANT_HEALTH_FLAGS, enumName: 'GrantHealthFlag', isArray: true })
  healthFlags!: GrantHealthFlag[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastRefreshedAt!: string | null;
  @ApiProperty() failureCount!: number;
  @ApiProperty({ type: String, nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '`admin:<id>`, `user:<id>`, …' })
  revokedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) revocationReason!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'When Google ends the refresh token (`refresh_token_expires_in`), if it said.',
  })
  refreshTokenExpiresAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Since when Google wants the user to sign in again (`invalid_rapt`).',
  })
  reauthRequiredAt!: string | null;
}

export class AdminGrantPageDto {
  @ApiProperty({ type: [AdminGrantDto] }) items!: AdminGrantDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class AdminGrantDetailDto {
  @ApiProperty({ type: AdminGrantDto }) grant!: AdminGrantDto;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The email of the admin or user in `revokedBy`, when it names one.',
  })
  revokedByEmail!: string | null;
  @ApiProperty({ type: [AuditEventDto], description: 'Events of this grant, newest first.' })
  timeline!: AuditEventDto[];
}

export class RevokeGrantDto {
  @ApiProperty({ minLength: 3, maxLength: 500, description: 'Why, for the record.' })
  @MinLength(3)
  @IsPlainText(500)
  reason!: string;
}

export class RevokedGrantDto extends GrantViewDto {
  @ApiPropertyOptional({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: ['revoked', 'already_invalid', 'not_revocable', 'pending'],
    description:
      "`pending`: Google's revoke failed and is retried by the purge job. `not_revocable`: Google refused to revoke the token (final, audited).",
  })
  upstream!: 'revoked' | 'already_invalid' | 'not_revocable' | 'pending';
}
