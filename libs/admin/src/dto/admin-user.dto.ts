import { ApiProperty } from '@nestjs/swagger';
import { GrantViewDto } from '@grantkeeper/offline-access';
import { UserProfileDto } from '@grantkeeper/identity';
import { AuditEventDto } from './audit-event.dto.js';

const GRANT_STATUSES = ['none', 'active', 'revoked', 'suspended'];

/** A row of the user list. */
export class AdminUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "Google's account id." }) sub!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ enum: ['user', 'admin'] }) role!: 'user' | 'admin';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastSignInAt!: string | null;
  @ApiProperty({ enum: GRANT_STATUSES }) grantStatus!: string;
}

export class AdminUserPageDto {
  @ApiProperty({ type: [AdminUserDto] }) items!: AdminUserDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** A live session, without anything that could be replayed as a cookie. */
export class AdminSessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt!: string;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
}

export class AdminUserTaskDto {
  @ApiProperty() name!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ enum: ['active', 'paused'] }) state!: string;
  @ApiProperty({ type: String, nullable: true }) pausedReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) nextRunAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastRunAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty() consecutiveFailures!: number;
}

/** Everything the dashboard shows on a user's page. */
export class AdminUserDetailDto {
  @ApiProperty({ type: UserProfileDto }) profile!: UserProfileDto;
  @ApiProperty({ type: [AdminSessionDto] }) sessions!: AdminSessionDto[];
  @ApiProperty({ type: GrantViewDto }) grant!: GrantViewDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) grantId!: string | null;
  @ApiProperty({
    description:
      'An admin through ADMIN_EMAILS (a verified address): sign-in makes them admin again, so the API refuses to demote them (409 bootstrap_admin).',
  })
  bootstrapAdmin!: boolean;

  @ApiProperty({ type: [AdminUserTaskDto] }) tasks!: AdminUserTaskDto[];
  @ApiProperty({ type: [AuditEventDto], description: 'The 20 newest events about the user.' })
  recentAudit!: AuditEventDto[];
}

export class RevokedSessionsDto {
  @ApiProperty({ description: 'How many live sessions were ended.' }) revoked!: number;
}
