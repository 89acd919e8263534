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
  /** Public keys its `private_key_jwt` assertions are signed with, inline (or null). */
  readonly jwks: PublicJwkSet | null;
  /** Or the https URL of its JWK set (fetched, cached and refreshed on an unknown `kid`). */
  readonly jwksUri: string | null;
  /** The API scopes a token from `POST /api/v1/oauth/token` may carry. */
  readonly jwtApiScopes: readonly ServiceApiScope[];
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

/** A JWK set of public keys only (see client-key-sets.ts). */
export interface PublicJwkSet {
  readonly keys: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

/** An API key (`gk_…`), or an access token from `POST /api/v1/oauth/token` (`gkat_…`). */
export type ServiceCredentialKind = 'api_key' | 'access_token';

/** The caller of a service API route, once its credential passed. */
export interface ServicePrincipal {
  readonly client: ServiceClient;
  /** The credential's id: of the API key, or of the access token (see `credentialKind`). */
  readonly keyId: string;
  readonly credentialKind: ServiceCredentialKind;
  readonly apiScopes: ReadonlySet<ServiceApiScope>;
}

/** Whose access a service asks for: our user id or their Google account id. */
export type UserReference = { readonly id: string } | { readonly googleSub: string };
