// @grantkeeper/service-client: a typed client of Grantkeeper's service API (/api/v1/), for other
// teams' services. Its types are generated from the api's OpenAPI document (src/schema.ts).
export {
  createServiceClient,
  type GrantsQuery,
  type IssuedToken,
  type IssueTokenRequest,
  type ServiceClient,
  type ServiceClientOptions,
  type ServiceGrant,
  type ServiceGrantPage,
  type UserReference,
} from './service-client.js';
export { type ErrorBody, isRefusal, refusalOf, ServiceApiRefusal } from './refusal.js';
export type { components, operations, paths } from './schema.js';
