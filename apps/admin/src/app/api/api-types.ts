import type { components, paths } from './api-schema';

/** A schema of the api's OpenAPI document (generated into api-schema.ts). */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K];

/** The query parameters of a GET route, as the OpenAPI document declares them. */
export type QueryOf<P extends keyof paths> = paths[P] extends {
  get: { parameters: { query?: infer Q } };
}
  ? NonNullable<Q>
  : never;

export type UserProfile = Schema<'UserProfileDto'>;
export type AdminUser = Schema<'AdminUserDto'>;
export type AdminUserPage = Schema<'AdminUserPageDto'>;
export type AdminUserDetail = Schema<'AdminUserDetailDto'>;
export type AdminGrant = Schema<'AdminGrantDto'>;
export type AdminGrantPage = Schema<'AdminGrantPageDto'>;
export type AdminGrantDetail = Schema<'AdminGrantDetailDto'>;
export type RevokedGrant = Schema<'RevokedGrantDto'>;
export type BulkRevokeResult = Schema<'BulkRevokeResultDto'>;
export type GrantFilter = Schema<'GrantFilterDto'>;
/** The health flags offline-access computes, as the api declares them. */
export type GrantHealthFlag = Schema<'GrantHealthFlag'>;
export type AuditEvent = Schema<'AuditEventDto'>;
export type AuditEventPage = Schema<'AuditEventPageDto'>;
export type JobsOverview = Schema<'JobsOverviewDto'>;
export type VaultStatus = Schema<'VaultStatusDto'>;
export type RevokedSessions = Schema<'RevokedSessionsDto'>;
export type Overview = Schema<'OverviewDto'>;
export type FailedJob = Schema<'FailedJobDto'>;
export type FailedJobs = Schema<'FailedJobsDto'>;
export type RetriedJob = Schema<'RetriedJobDto'>;
export type RewrapStarted = Schema<'RewrapStartedDto'>;
export type ServiceClient = Schema<'ServiceClientDto'>;
export type ServiceClientSummary = Schema<'ServiceClientSummaryDto'>;
export type ServiceClientList = Schema<'ServiceClientListDto'>;
export type ServiceClientDetail = Schema<'ServiceClientDetailDto'>;
export type ServicePurpose = Schema<'ServicePurposeDto'>;
export type CreateServiceClient = Schema<'CreateServiceClientDto'>;
export type UpdateServiceClient = Schema<'UpdateServiceClientDto'>;
export type ServiceKey = Schema<'ServiceKeyDto'>;
export type CreateServiceKey = Schema<'CreateServiceKeyDto'>;
export type CreatedServiceKey = Schema<'CreatedServiceKeyDto'>;
export type ServiceClientControls = Schema<'ServiceClientControlsDto'>;
export type SetServiceRateLimits = Schema<'SetServiceRateLimitsDto'>;
export type ScopeKillSwitch = Schema<'ScopeKillSwitchDto'>;
export type ScopeKillSwitchList = Schema<'ScopeKillSwitchListDto'>;
export type Disclosure = Schema<'DisclosureDto'>;
export type DisclosurePage = Schema<'DisclosurePageDto'>;

export type UserQuery = QueryOf<'/api/admin/users'>;
export type GrantQuery = QueryOf<'/api/admin/grants'>;
export type AuditQuery = QueryOf<'/api/admin/audit'>;
export type DisclosureQuery = QueryOf<'/api/admin/disclosures'>;

/** Query values as HttpClient takes them: empty strings and undefined left out. */
export function paramsOf(query: object): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params[key] = typeof value === 'number' ? value : String(value);
  }
  return params;
}

/** An export link: `path` with the filter as its query; a plain GET the browser downloads. */
export function csvUrlOf(path: string, filter: object): string {
  const query = new URLSearchParams(
    Object.entries(paramsOf(filter)).map(([key, value]) => [key, String(value)]),
  ).toString();
  return `${path}${query ? `?${query}` : ''}`;
}
