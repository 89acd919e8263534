import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, MinLength } from 'class-validator';
import { IsPlainText } from './is-plain-text.js';
import { PageQueryDto } from './page-query.dto.js';

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Email prefix, name substring or exact Google `sub` (case-insensitive).',
  })
  @IsOptional()
  @MinLength(1)
  @IsPlainText(200)
  q?: string;
}
