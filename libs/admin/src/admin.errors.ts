/** Stable codes of the admin API; the api's exception filter maps them to HTTP. */
export type AdminErrorCode =
  /** No such user, grant or event, including ids that are not uuids (404). */
  | 'not_found'
  /** The `cursor` was not one this API handed out (400). */
  | 'invalid_cursor'
  /** A bulk revocation without any criterion, which would revoke every grant (400). */
  | 'empty_filter'
  /** The grant is already revoked (409). */
  | 'already_revoked'
  /** The change would leave no admin (409). */
  | 'last_admin'
  /** The user is an admin through `ADMIN_EMAILS`; only the configuration can demote them (409). */
  | 'bootstrap_admin';

/** Thrown by the admin module; keeps the `cause` when it wraps another error. */
export class AdminError extends Error {
  constructor(
    readonly code: AdminErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AdminError';
  }
}

export function adminErrorStatus(code: AdminErrorCode): number {
  switch (code) {
    case 'not_found':
      return 404;
    case 'invalid_cursor':
    case 'empty_filter':
      return 400;
    case 'already_revoked':
    case 'last_admin':
    case 'bootstrap_admin':
      return 409;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Guessed or malformed ids are answered exactly like unknown ones. */
export function assertUuid(id: string, what: string): void {
  if (!UUID.test(id)) throw notFound(what);
}

export function notFound(what: string): AdminError {
  return new AdminError('not_found', `No such ${what}.`);
}
