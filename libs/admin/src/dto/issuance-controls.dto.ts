import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, MinLength } from 'class-validator';
import type {
  EffectiveRateLimits,
  IssuanceStop,
  ScopeKillSwitch,
  ServiceClientControls,
} from '@grantkeeper/service-api';
import { IsPlainText } from './is-plain-text.js';

const MAX_PER_MINUTE = 1_000_000;

export class SetServiceRateLimitsDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_PER_MINUTE,
    description:
      'Service API calls per minute for the client, over every instance; null or absent: `SERVICE_API_RATE_LIMIT_PER_MINUTE`.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PER_MINUTE)
  perMinute?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_PER_MINUTE,
    description:
      'Token requests per minute for one user by the client; null or absent: `SERVICE_API_RATE_LIMIT_PER_USER_PER_MINUTE`.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PER_MINUTE)
  perUserPerMinute?: number | null;
}

export class IssuanceStopInputDto {
  @ApiProperty({
    description: 'Why issuance stops: shown to the service in the refusal, and audited.',
    minLength: 3,
    maxLength: 500,
    example: 'Incident 2026-12-03: tokens leaked in a log',
  })
  @IsPlainText(500)
  @MinLength(3)
  reason!: string;
}

export class ServiceRateLimitsDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The client’s own limit of calls per minute; null: the default.',
  })
  perMinute!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The client’s own limit of token requests per user per minute; null: the default.',
  })
  perUserPerMinute!: number | null;
}

export class EffectiveRateLimitsDto {
  @ApiProperty({ description: 'Calls per minute the client is held to now.' })
  perMinute!: number;
  @ApiProperty({ description: 'Token requests per user per minute the client is held to now.' })
  perUserPerMinute!: number;

  static from(limits: EffectiveRateLimits): EffectiveRateLimitsDto {
    return { perMinute: limits.perMinute, perUserPerMinute: limits.perUserPerMinute };
  }
}

export class IssuanceStopDto {
  @ApiProperty({ description: 'The reason the admin gave.' }) reason!: string;
  @ApiProperty({ format: 'date-time', description: 'Since when issuance is stopped.' })
  since!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The admin who stopped it.',
  })
  by!: string | null;

  static from(stop: IssuanceStop): IssuanceStopDto {
    return { reason: stop.reason, since: stop.since.toISOString(), by: stop.by };
  }
}

export class ServiceClientControlsDto {
  @ApiProperty({ type: ServiceRateLimitsDto, description: 'The limits an admin set.' })
  rateLimits!: ServiceRateLimitsDto;

  @ApiProperty({
    type: EffectiveRateLimitsDto,
    description: 'The limits in force (with defaults).',
  })
  effective!: EffectiveRateLimitsDto;

  @ApiProperty({
    type: IssuanceStopDto,
    nullable: true,
    description: 'Set while the client’s kill switch stops its token issuance; null otherwise.',
  })
  killSwitch!: IssuanceStopDto | null;

  static from(controls: ServiceClientControls): ServiceClientControlsDto {
    return {
      rateLimits: { ...controls.rateLimits },
      effective: EffectiveRateLimitsDto.from(controls.effective),
      killSwitch: controls.killSwitch ? IssuanceStopDto.from(controls.killSwitch) : null,
    };
  }
}

export class ScopeKillSwitchDto extends IssuanceStopDto {
  @ApiProperty({ description: 'The Google scope no token may include while the switch is on.' })
  scope!: string;

  static override from(stop: ScopeKillSwitch): ScopeKillSwitchDto {
    return { ...IssuanceStopDto.from(stop), scope: stop.scope };
  }
}

export class ScopeKillSwitchListDto {
  @ApiProperty({ type: [ScopeKillSwitchDto], description: 'Every switched-off scope, by scope.' })
  items!: ScopeKillSwitchDto[];
}
