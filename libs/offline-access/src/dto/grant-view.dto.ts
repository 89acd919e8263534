import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { GrantEntity } from '../grant.entity.js';

/** A user's offline grant as they (and API callers) see it: never any token material. */
export class GrantViewDto {
  @ApiProperty({
    enum: ['none', 'active', 'revoked', 'suspended'],
    description:
      '`none`: offline access was never switched on. `suspended`: Google disabled the account.',
  })
  status!: 'none' | 'active' | 'revoked' | 'suspended';

  @ApiProperty({ type: [String], description: 'Scopes Google granted (full URLs).' })
  scopes!: string[];

  @ApiPropertyOptional({ format: 'date-time' })
  createdAt?: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  lastUsedAt?: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  lastRefreshedAt?: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  revokedAt?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Why the grant was revoked.' })
  revocationReason?: string | null;

  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    description:
      'When Google ends the refresh token (`refresh_token_expires_in`: time-based access, or an app in Testing); reconnect before it.',
  })
  refreshTokenExpiresAt?: string | null;

  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    description:
      'Since when Google wants the user to sign in again (`invalid_rapt`); the grant is kept and works again once they have.',
  })
  reauthRequiredAt?: string | null;

  static none(): GrantViewDto {
    return Object.assign(new GrantViewDto(), { status: 'none', scopes: [] });
  }

  static from(grant: GrantEntity): GrantViewDto {
    return Object.assign(new GrantViewDto(), {
      status: grant.status,
      scopes: [...grant.scopes],
      createdAt: grant.createdAt.toISOString(),
      lastUsedAt: grant.lastUsedAt?.toISOString() ?? null,
      lastRefreshedAt: grant.lastRefreshedAt?.toISOString() ?? null,
      revokedAt: grant.revokedAt?.toISOString() ?? null,
      revocationReason: grant.revocationReason,
      refreshTokenExpiresAt: grant.refreshTokenExpiresAt?.toISOString() ?? null,
      reauthRequiredAt: grant.reauthRequiredAt?.toISOString() ?? null,
    });
  }
}
