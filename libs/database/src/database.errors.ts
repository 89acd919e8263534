import { AppError, type StatusTable } from '@grantkeeper/errors';

/** Stable codes of what a client can get wrong in a query the database library builds. */
export type DatabaseQueryErrorCode =
  /** The `cursor` was not one this API handed out (400). */
  'invalid_cursor';

export const DATABASE_QUERY_ERROR_STATUS: StatusTable<DatabaseQueryErrorCode> = {
  invalid_cursor: 400,
};

/** A client's query the database layer cannot run as given: always a 4xx, never a 500. */
export class DatabaseQueryError extends AppError<DatabaseQueryErrorCode> {
  constructor(code: DatabaseQueryErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, DATABASE_QUERY_ERROR_STATUS, options);
  }
}
