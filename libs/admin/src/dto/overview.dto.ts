import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class OverviewQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 365,
    default: 30,
    description: 'UTC days, today included.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days: number = 30;
}

export class GrantStatusDayDto {
  @ApiProperty({ example: '2026-12-01' }) date!: string;
  @ApiProperty({ description: 'Live and not suspended at the end of the day.' }) active!: number;
  @ApiProperty() revoked!: number;
  @ApiProperty() suspended!: number;
}

export class RefreshOutcomeDayDto {
  @ApiProperty({ example: '2026-12-01' }) date!: string;
  @ApiProperty() succeeded!: number;
  @ApiProperty() failed!: number;
}

export class SignInDayDto {
  @ApiProperty({ example: '2026-12-01' }) date!: string;
  @ApiProperty() count!: number;
}

export class GoogleClientStateDto {
  @ApiProperty({
    description:
      'Google refuses our OAuth client (401 invalid_client): refreshes are held back, grants are left as they are, and Google is asked again every minute.',
  })
  rejected!: boolean;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  since!: string | null;

  @ApiProperty({ description: 'Refusals in this outage (the first, then one per probe).' })
  refusals!: number;
}

export class OverviewHeadlineDto {
  @ApiProperty({ description: 'Users who ever signed in, now.' }) users!: number;
  @ApiProperty({ description: 'Grants live and not suspended, now.' }) liveGrants!: number;
  @ApiProperty({ description: 'Grants suspended (Google refused a refresh), now.' })
  suspendedGrants!: number;

  @ApiProperty({ description: 'Enabled tasks whose last run failed, now.' })
  failingTasks!: number;

  @ApiProperty({ description: 'Grants revoked during the period shown.' })
  revokedInPeriod!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    description: 'Refreshes that succeeded, of all in the period (0–1); null when there was none.',
  })
  refreshSuccessRate!: number | null;
}

export class OverviewDto {
  @ApiProperty({ type: OverviewHeadlineDto, description: 'The numbers above the charts.' })
  headline!: OverviewHeadlineDto;

  @ApiProperty({ type: GoogleClientStateDto, description: "This instance's view of Google." })
  googleClient!: GoogleClientStateDto;

  @ApiProperty() days!: number;
  @ApiProperty({ type: [GrantStatusDayDto] }) grantsByStatus!: GrantStatusDayDto[];
  @ApiProperty({ type: [RefreshOutcomeDayDto] }) refreshOutcomes!: RefreshOutcomeDayDto[];
  @ApiProperty({ type: [SignInDayDto], description: 'Successful sign-ins per day.' })
  signIns!: SignInDayDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: "Users' tasks by state (`active`, `paused`, `disabled`), now.",
  })
  tasksByState!: Record<string, number>;
}
