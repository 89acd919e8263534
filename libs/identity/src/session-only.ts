import { ApiHeader } from '@nestjs/swagger';
import type { AuthenticatedUser } from './authenticated-user.js';
import { AuthError } from './identity.errors.js';

/** Documents the header `@SameSiteRequest()` asks of a call authenticated by the session cookie. */
export function RequestedWithHeader(): MethodDecorator & ClassDecorator {
  return ApiHeader({
    name: 'X-Requested-With',
    required: true,
    description: 'Must be `XmlHttpRequest`.',
  });
}

/**
 * Refuses a caller not signed in with the session cookie, with `message` saying what to do: a
 * user's own choices (consent, switches) are made on our pages, and an API caller's Bearer ID
 * token is not one of them.
 */
export function requireSession(
  user: AuthenticatedUser | undefined,
  message: string,
): asserts user is AuthenticatedUser {
  if (user?.via !== 'session') throw new AuthError('authentication_required', message);
}
