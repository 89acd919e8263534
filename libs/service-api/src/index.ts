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
export { SERVICE_API_KEY_SCHEME } from './service-auth.guard.js';
export {
  SERVICE_API_SCOPES,
  type ServiceApiScope,
  type ServiceClient,
  type ServiceClientStatus,
  type ServiceKeyView,
  type ServicePurpose,
} from './service-client.js';
export {
  type AdminActor,
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
