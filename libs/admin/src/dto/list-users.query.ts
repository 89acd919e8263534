import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from './page-query.dto.js';

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Email prefix, name substring or exact Google `sub` (case-insensitive).',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;
}
