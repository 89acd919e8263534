import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, MinLength } from 'class-validator';
import { USER_SORT_COLUMNS, type UserSortColumn } from '@grantkeeper/identity';
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

  @ApiPropertyOptional({
    enum: USER_SORT_COLUMNS,
    default: 'created_at',
    description: 'Sort by joining or by last sign-in (a user who never signed in sorts as newest).',
  })
  @IsOptional()
  @IsIn(USER_SORT_COLUMNS)
  sort: UserSortColumn = 'created_at';

  @ApiPropertyOptional({ enum: ['desc', 'asc'], default: 'desc' })
  @IsOptional()
  @IsIn(['desc', 'asc'])
  order: 'desc' | 'asc' = 'desc';
}
