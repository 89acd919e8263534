import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/**
 * A calendar date or a date-time with a zone: the ISO 8601 forms PostgreSQL reads the same way.
 * Week and ordinal dates (`2026-W05`, `2026-123`) are ISO 8601 too, but PostgreSQL reads them
 * otherwise or not at all, so they are refused here rather than failing in the query.
 */
export const IsTimestamp = (): PropertyDecorator =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/, {
      message: '$property must be a date (YYYY-MM-DD) or a date-time with a zone',
    }),
  );
