import { isUuid } from '@grantkeeper/database';
import type { UsersService } from '@grantkeeper/identity';
import type { ServicePrincipal, UserReference } from './service-client.js';
import { ServiceApiError } from './service-api.errors.js';

/**
 * What a service may ask for at all, before any user is looked at: only Google scopes and a
 * purpose its registration allows (token requests and consent requests alike).
 */
export function assertAllowedRequest(
  service: ServicePrincipal,
  scopes: readonly string[],
  purpose: string,
): void {
  const allowed = new Set(service.client.allowedScopes);
  const refused = scopes.filter((scope) => !allowed.has(scope));
  if (refused.length > 0) {
    throw new ServiceApiError(
      'scope_not_allowed',
      'This service may not ask for some of these scopes.',
      { fields: { refused_scopes: refused } },
    );
  }
  if (!service.client.purposes.some((entry) => entry.id === purpose)) {
    throw new ServiceApiError(
      'purpose_not_allowed',
      'The purpose is not in this service’s catalogue.',
    );
  }
}

/** Our id of the user a service names (by our id or their Google `sub`), or null when unknown. */
export async function userIdOf(users: UsersService, user: UserReference): Promise<string | null> {
  const found =
    'id' in user
      ? isUuid(user.id)
        ? await users.findById(user.id)
        : null
      : await users.findByGoogleSub(user.googleSub);
  return found?.id ?? null;
}
