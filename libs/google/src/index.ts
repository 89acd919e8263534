export { GOOGLE_ISSUERS, type GoogleEndpoints } from './google-endpoints.js';
export {
  createGoogleOAuthClient,
  type GoogleClientSettings,
} from './google-oauth-client.factory.js';
export { GOOGLE_ENDPOINTS, GoogleModule } from './google.module.js';
