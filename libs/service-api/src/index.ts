export {
  CONSENT_REQUEST_LIFETIME_DAYS,
  type ConsentRequest,
  type ConsentRequestPage,
  type ConsentRequestStatus,
} from './consent-request.js';
export { ConsentRequestsService } from './consent-requests.service.js';
export { returnLocation } from './return-origins.js';
export {
  type Disclosure,
  type DisclosureFilter,
  DisclosuresService,
} from './disclosures.service.js';
export {
  type EffectiveRateLimits,
  type IssuanceStop,
  type ScopeKillSwitch,
  type ServiceClientControls,
  type ServiceRateLimits,
} from './issuance-controls.js';
export { ServiceControlsService } from './service-controls.service.js';
export { SERVICE_API_KEY_SCHEME } from './service-auth.guard.js';
export { ServiceAccessTokens } from './access-tokens.js';
export { publicJwkSetProblem, jwksUriProblem } from './client-key-sets.js';
export {
  OAUTH_TOKEN_ERROR_STATUS,
  OAuthTokenError,
  type OAuthTokenErrorCode,
} from './oauth-token.errors.js';
export {
  SERVICE_API_SCOPES,
  type PublicJwkSet,
  type ServiceApiScope,
  type ServiceClient,
  type ServiceClientStatus,
  type ServiceKeyView,
  type ServicePurpose,
} from './service-client.js';
export {
  type AdminActor,
  adminActorOf,
  isCidr,
  MAX_ACTIVE_KEYS,
  type NewKeyInput,
  type ServiceClientChange,
  type ServiceClientInput,
  ServiceClientsService,
} from './service-clients.service.js';
export {
  SERVICE_API_ERROR_STATUS,
  ServiceApiError,
  type ServiceApiErrorCode,
} from './service-api.errors.js';
export { ServiceApiModule } from './service-api.module.js';
export {
  type AccountServiceView,
  UserServiceBlocksService,
} from './user-service-blocks.service.js';
