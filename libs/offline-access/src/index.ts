export {
  AccessTokenBroker,
  type BrokeredAccessToken,
  GRANT_LAST_USED_EVERY_MS,
} from './access-token.broker.js';
export { CodeExchangeService, type CodeSource } from './code-exchange.service.js';
export { GrantViewDto } from './dto/grant-view.dto.js';
export { GoogleClientBreaker, type GoogleClientState } from './google-client-breaker.js';
export type { GrantEntity, GrantStatus } from './grant.entity.js';
export {
  type GrantFilter,
  type GrantListing,
  type GrantSearchQuery,
  GrantSearchService,
  type GrantSortColumn,
} from './grant-search.service.js';
export {
  type GrantStatusDay,
  GrantStatisticsService,
  utcDays,
} from './grant-statistics.service.js';
export { refreshTokenIdentifier, tokenBinding, type TokenKind } from './grant-vault.js';
export { GRANT_HEALTH_FLAGS, type GrantHealthFlag } from './health-flags.js';
export { KeepAliveRefresher, type KeepAliveOutcome } from './keep-alive.refresher.js';
export { GrantsService, type Revoker, type UpstreamRevocation } from './grants.service.js';
export {
  OfflineAccessError,
  type OfflineAccessErrorCode,
  OFFLINE_ACCESS_ERROR_STATUS,
} from './offline-access.errors.js';
export { OFFLINE_ACCESS_ENTITIES, OfflineAccessModule } from './offline-access.module.js';
export { bindingCookieName, setBindingCookie } from './redirect-binding.js';
export { RedirectFlowService } from './redirect-flow.service.js';
export { RedirectStateStore } from './redirect-state.store.js';
export { missingScopes, normaliseScopes, SIGN_IN_SCOPES } from './scopes.js';
