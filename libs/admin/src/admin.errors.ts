import { AppError, type AppErrorOptions, type StatusTable } from '@grantkeeper/errors';
import { isUuid } from '@grantkeeper/database';

/** Stable codes of the admin API; ADMIN_ERROR_STATUS gives each its HTTP status. */
export type AdminErrorCode =
  /** No such user, grant or event, including ids that are not uuids (404). */
  | 'not_found'
  /** A bulk revocation without any criterion, which would revoke every grant (400). */
  | 'empty_filter'
  /** The grant is already revoked (409). */
  | 'already_revoked'
  /** The change would leave no admin (409). */
  | 'last_admin'
  /** The user is an admin through `ADMIN_EMAILS`; only the configuration can demote them (409). */
  | 'bootstrap_admin';

/** HTTP status of each code; a code without a row does not compile. */
export const ADMIN_ERROR_STATUS: StatusTable<AdminErrorCode> = {
  not_found: 404,
  empty_filter: 400,
  already_revoked: 409,
  last_admin: 409,
  bootstrap_admin: 409,
};

/** Thrown by the admin module; keeps the `cause` when it wraps another error. */
export class AdminError extends AppError<AdminErrorCode> {
  constructor(code: AdminErrorCode, message: string, options?: AppErrorOptions) {
    super(code, message, ADMIN_ERROR_STATUS, options);
  }
}

/** Guessed or malformed ids are answered exactly like unknown ones. */
export function assertUuid(id: string, what: string): void {
  if (!isUuid(id)) throw notFound(what);
}

export function notFound(what: string): AdminError {
  return new AdminError('not_found', `No such ${what}.`);
}
