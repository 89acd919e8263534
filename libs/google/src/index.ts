export { GmailSender, type GmailSenderOptions } from './gmail-sender.js';
export { GOOGLE_ISSUERS, type GoogleEndpoints } from './google-endpoints.js';
export {
  type GoogleAnswer,
  GoogleHttpClient,
  type GoogleHttpClientOptions,
  type GoogleRequest,
} from './google-http.client.js';
export {
  checkKid,
  freshnessSeconds,
  GoogleSigningKeys,
  type GoogleSigningKeysOptions,
} from './google-signing-keys.js';
export {
  type GoogleTokens,
  GoogleTokenEndpoint,
  type GoogleTokenEndpointSettings,
  MAX_AUTHORIZATION_CODE_LENGTH,
  type RevokeResult,
} from './google-token-endpoint.js';
export {
  GoogleCallError,
  type GoogleCallErrorCode,
  type GoogleCallErrorOptions,
  type GoogleCallFailure,
  googleCallStatus,
  SigningKeyError,
  type SigningKeyErrorCode,
  signingKeyStatus,
} from './google.errors.js';
export { GOOGLE_ENDPOINTS, GoogleModule } from './google.module.js';
export { RiscSigningKeys, type RiscSigningKeysOptions } from './risc-signing-keys.js';
