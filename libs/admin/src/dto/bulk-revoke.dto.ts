import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, MinLength, ValidateNested } from 'class-validator';
import { IsPlainText } from './is-plain-text.js';
import { GrantFilterDto } from './list-grants.query.js';

export class BulkRevokeDto {
  @ApiProperty({ type: GrantFilterDto, description: 'At least one criterion; revoked ones skip.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => GrantFilterDto)
  filter!: GrantFilterDto;

  @ApiProperty({ minLength: 3, maxLength: 500 })
  @MinLength(3)
  @IsPlainText(500)
  reason!: string;

  @ApiProperty({ description: 'Only count the grants that would be revoked.' })
  @IsBoolean()
  dryRun!: boolean;
}

export class BulkRevokeResultDto {
  @ApiPropertyOptional({ description: 'Dry run: live grants matching the filter.' })
  count?: number;

  @ApiPropertyOptional({ description: 'Grants revoked.' })
  revoked?: number;
}
