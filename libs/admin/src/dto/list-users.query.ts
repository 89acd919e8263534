import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, MinLength } from 'class-validator';
import { IsPlainText } from './is-plain-text.js';
import { PageQueryDto } from './page-query.dto.js';

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Part of the email or the name (case-insensitive), or the exact Google `sub`.',
  })
  @IsOptional()
  @MinLength(1)
  @IsPlainText(200)
  q?: string;
}
