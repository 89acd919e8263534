export {
  CurrentUser,
  IS_PUBLIC_KEY,
  Public,
  REQUIRED_ROLE_KEY,
  RequireRole,
} from './auth.decorators.js';
export type { AuthenticatedUser } from './authenticated-user.js';
export { UserProfileDto } from './dto/user-profile.dto.js';
export {
  GoogleIdTokenVerifier,
  type GoogleIdTokenVerifierOptions,
  type VerifiedIdToken,
} from './google-id-token.verifier.js';
export {
  ID_TOKEN_ERROR_CODES,
  ID_TOKEN_ERROR_STATUS,
  IdTokenError,
  type IdTokenErrorCode,
  idTokenErrorDisposition,
} from './id-token.errors.js';
export { AUTH_ERROR_STATUS, AuthError, type AuthErrorCode } from './identity.errors.js';
export { IDENTITY_ENTITIES, IdentityModule } from './identity.module.js';
export { PostgresThrottlerStorage } from './rate-limit/postgres-throttler.storage.js';
export { type RateLimitCount, setRateLimitHeaders } from './rate-limit/rate-limit-headers.js';
export { RATE_LIMIT_NAMES, RateLimited, type RateLimitName } from './rate-limit/rate-limits.js';
export { SAME_SITE_KEY, SameSiteGuard, SameSiteRequest } from './same-site.guard.js';
export { RequestedWithHeader, requireSession } from './session-only.js';
export { type SameSiteRequestOptions } from './same-site-request.js';
export { SessionCookie } from './session-cookie.js';
export { SessionsService } from './sessions.service.js';
export { type SignInResult, SignInService } from './sign-in.service.js';
export { DOCUMENTED_SELECT_BY } from './select-by.js';
// The class, not just the type: other modules' entities reference users by foreign key.
export { type UserEntity, type UserRole } from './user.entity.js';
export {
  USER_SORT_COLUMNS,
  type UserListing,
  type UserSearchQuery,
  UserSearchService,
  type UserSortColumn,
} from './user-search.service.js';
export { type RoleChange, UsersService } from './users.service.js';
export { VerifiedTokenCache } from './verified-token.cache.js';
