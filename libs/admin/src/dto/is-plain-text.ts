import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength } from 'class-validator';

/**
 * A string of at most `max` characters without control characters: PostgreSQL refuses NUL in
 * text, so one slipping through would fail the query instead of the request.
 */
export const IsPlainText = (max: number): PropertyDecorator =>
  applyDecorators(
    IsString(),
    MaxLength(max),
    // eslint-disable-next-line no-control-regex
    Matches(/^[^\u0000-\u001f\u007f]*$/, {
      message: '$property must not contain control characters',
    }),
  );
