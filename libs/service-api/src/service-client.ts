/** What a service's credential may call: one API scope per kind of route. */
export const SERVICE_API_SCOPES = ['tokens:issue', 'grants:read'] as const;
export type ServiceApiScope = (typeof SERVICE_API_SCOPES)[number];

/** A reason a service may read a user's Google access, shown to the user. */
export interface ServicePurpose {
  /** Stable id the service sends with each request (`weekly-digest`). */
  readonly id: string;
  /** The user-facing feature it serves ("Your weekly digest by email"). */
  readonly feature: string;
}

export type ServiceClientStatus = 'active' | 'suspended';

/** Another team's service, as an admin registered it. */
export interface ServiceClient {
  readonly id: string;
  readonly name: string;
  readonly team: string;
  readonly contact: string;
  readonly allowedScopes: readonly string[];
  readonly purposes: readonly ServicePurpose[];
  /** CIDRs the service calls from; empty: any address. */
  readonly ipAllowlist: readonly string[];
  /** Origins (`https://host[:port]`) a consent request may send the user back to. */
  readonly returnOrigins: readonly string[];
  readonly status: ServiceClientStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly lastUsedAt: Date | null;
}

/** An API key as admins see it: never the key or its hash. */
export interface ServiceKeyView {
  readonly id: string;
  readonly clientId: string;
  /** The key's first characters after `gk_<env>_`, to tell keys apart. */
  readonly lookupPrefix: string;
  readonly apiScopes: readonly ServiceApiScope[];
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly lastUsedIp: string | null;
}

/** The caller of a service API route, once its credential passed. */
export interface ServicePrincipal {
  readonly client: ServiceClient;
  readonly keyId: string;
  readonly apiScopes: ReadonlySet<ServiceApiScope>;
}
