// Generated from the api's OpenAPI document by `npm run admin:api-types`; do not edit.
// apps/api/src/openapi/admin-api-types.spec.ts fails when this file is stale.
/* eslint-disable */
export interface paths {
  '/account/services': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The services that used or asked for your Google access
     * @description For each: its name and team, the features it asked for, how many tokens it was given, how many requests were refused, when it last asked, and whether you blocked it.
     */
    get: operations['AccountServicesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/account/services/{clientId}/block': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Block a service
     * @description From now on the service gets 403 `blocked_by_user` for you, from token requests and grant lookups; your grant and the other services are untouched. Blocking again changes nothing.
     */
    put: operations['AccountServicesController_block'];
    post?: never;
    /**
     * Unblock a service
     * @description The service may ask for your Google access again. Unblocking again changes nothing.
     */
    delete: operations['AccountServicesController_unblock'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit log, newest first, by actor, action, user and time */
    get: operations['AdminAuditController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/audit.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit log as CSV (same filters), streamed */
    get: operations['AdminAuditController_exportCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/disclosures': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Disclosures, newest first, by client, user, purpose, outcome and time */
    get: operations['AdminDisclosuresController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/disclosures.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Disclosures as CSV (same filters), streamed */
    get: operations['AdminDisclosuresController_exportCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/grants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List grants by status, scope, health flag, use and creation time */
    get: operations['AdminGrantsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/grants/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A grant and its audit timeline (newest first) */
    get: operations['AdminGrantsController_detail'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/grants/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Revoke a grant
     * @description Immediate here; Google's revoke is retried by the purge job if it fails.
     */
    post: operations['AdminGrantsController_revoke'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/grants/revoke-bulk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke every live grant a filter matches (or, with dryRun, count them) */
    post: operations['AdminGrantsController_revokeBulk'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Job queue counts per queue, tasks by state, recent task runs */
    get: operations['AdminOperationsController_jobs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/jobs/{queue}/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Run a failed job again now (audited) */
    post: operations['AdminOperationsController_retryJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/jobs/failed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Jobs that failed every retry, newest first (at most 100) */
    get: operations['AdminOperationsController_failedJobs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/overview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Charts: grants by status, refresh outcomes and sign-ins per UTC day; tasks by state */
    get: operations['AdminOverviewController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/scope-kill-switches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every Google scope no token may include now */
    get: operations['AdminScopeKillSwitchesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/scope-kill-switches/{scope}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Stop issuing any token that includes the scope, for every client */
    put: operations['AdminScopeKillSwitchesController_set'];
    post?: never;
    /** Let tokens with the scope be issued again */
    delete: operations['AdminScopeKillSwitchesController_clear'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/service-clients': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every registered service client, by name */
    get: operations['AdminServiceClientsController_list'];
    put?: never;
    /** Register a service client */
    post: operations['AdminServiceClientsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/service-clients/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A service client and its keys (never a key itself) */
    get: operations['AdminServiceClientsController_detail'];
    put?: never;
    post?: never;
    /** Delete a service client and its keys (its disclosures stay) */
    delete: operations['AdminServiceClientsController_remove'];
    options?: never;
    head?: never;
    /** Change a service client, or suspend (`status: suspended`) or resume it */
    patch: operations['AdminServiceClientsController_update'];
    trace?: never;
  };
  '/api/admin/service-clients/{id}/controls': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A service client’s rate limits and kill switch */
    get: operations['AdminServiceClientControlsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/service-clients/{id}/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A new API key; its secret is in this answer only */
    post: operations['AdminServiceClientsController_createKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/service-clients/{id}/keys/{keyId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke an API key at once */
    delete: operations['AdminServiceClientsController_revokeKey'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/service-clients/{id}/kill-switch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Stop all token issuance for the client at once (its keys keep working) */
    put: operations['AdminServiceClientControlsController_setKillSwitch'];
    post?: never;
    /** Let the client get tokens again */
    delete: operations['AdminServiceClientControlsController_clearKillSwitch'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/service-clients/{id}/rate-limits': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Set a service client’s rate limits (null: the configured default) */
    put: operations['AdminServiceClientControlsController_setRateLimits'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Search users (part of the email or name, exact sub) */
    get: operations['AdminUsersController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A user's profile, sessions, grant, tasks and recent audit */
    get: operations['AdminUsersController_detail'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/users/{id}/role': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Promote or demote a user */
    put: operations['AdminUsersController_setRole'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/users/{id}/sessions/{sessionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** End one of a user's sessions */
    delete: operations['AdminUsersController_revokeSession'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/users/{id}/sessions/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End all of a user's sessions */
    post: operations['AdminUsersController_revokeSessions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/vault': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The vault's key versions, envelopes per version, re-wrap progress */
    get: operations['AdminOperationsController_vault'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/vault/rewrap': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Queue a re-wrap of envelopes onto the active key version (audited) */
    post: operations['AdminOperationsController_startRewrap'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consent-requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask a user to grant more Google scopes: a link to send them (reused while pending) */
    post: operations['ConsentRequestsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consent-requests/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Where one of this service’s consent requests stands */
    get: operations['ConsentRequestsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/grants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Grants with any scope this service is allowed, newest first */
    get: operations['GrantLookupsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The current user
     * @description Accepts the session cookie or `Authorization: Bearer <Google ID token>`.
     */
    get: operations['MeController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/oauth/token': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * An access token for the service API, for a private_key_jwt client assertion
     * @description RFC 6749 §4.4 client credentials with RFC 7523 client authentication. The answer is sent with `Cache-Control: no-store` and `Pragma: no-cache`.
     */
    post: operations['OAuthTokenController_token'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A Google access token for a user, for this service's scopes and purpose */
    post: operations['TokensController_issue'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}/grant': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A user's grant, by their id here */
    get: operations['GrantLookupsController_byUserId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/by-google-sub/{sub}/grant': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A user's grant, by their Google account id */
    get: operations['GrantLookupsController_byGoogleSub'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/google': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Start the redirect flow: sign in and grant offline access */
    get: operations['GoogleRedirectController_start'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/google/callback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Google's redirect back with a code (or an error) and the state */
    get: operations['GoogleRedirectController_callback'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/google/id-token': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in with a Google ID token
     * @description JSON from the GIS callback, or the form post of GIS redirect mode (checked against the `g_csrf_token` cookie, answered with a redirect to /account). Starts a new session.
     */
    post: operations['AuthController_signInWithIdToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/sign-out': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End the current session */
    post: operations['AuthController_signOut'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 200 when the database answers, 503 otherwise */
    get: operations['HealthController_check'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/offline-access': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in user's offline grant */
    get: operations['OfflineAccessController_status'];
    put?: never;
    post?: never;
    /**
     * Switch offline access off
     * @description Revokes the grant here at once and at Google, then purges its tokens.
     */
    delete: operations['OfflineAccessController_disconnect'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/offline-access/code': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Grant offline access with a one-time code
     * @description The `code` from the GIS code client (popup, `redirect_uri=postmessage`). With a session, the code must belong to the signed-in user's Google account. Without one (only when OFFLINE_ACCESS=required), it signs the user in as well. Returns the grant, never a token.
     */
    post: operations['OfflineAccessController_exchangeCode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/offline-access/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The offline tasks on offer and their state for the user */
    get: operations['UserTasksController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/offline-access/tasks/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Turn a task on (with its settings) or off */
    put: operations['UserTasksController_configure'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/risc/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Receive a Google security event token (RISC)
     * @description The body is the signed token itself. 202 when it is valid (a `jti` seen before is acknowledged and not acted on again); Google retries anything else.
     */
    post: operations['RiscController_receive'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AccountServiceDto: {
      /** @description Whether the user blocked it: it then gets 403 `blocked_by_user` for this user. */
      blocked: boolean;
      /**
       * Format: date-time
       * @description Since when it is blocked; null while not.
       */
      blockedAt: string | null;
      /**
       * Format: uuid
       * @description The service (its client id).
       */
      clientId: string;
      /** @description The features it asked for the access for (the texts of its purpose catalogue), given or refused. */
      features: string[];
      /**
       * Format: date-time
       * @description When it was last given a token; null if never.
       */
      lastIssuedAt: string | null;
      /**
       * Format: date-time
       * @description When it last asked, given or refused; null if it never asked.
       */
      lastRequestAt: string | null;
      /** @description The service’s name. */
      name: string;
      /** @description How many of its requests were refused. */
      requestsRefused: number;
      /** @description The team that runs it. */
      team: string;
      /** @description How many Google access tokens it was given for the user. */
      tokensIssued: number;
    };
    AccountServiceListDto: {
      /** @description Every service that used or asked for the access, or is blocked; latest first. */
      items: components['schemas']['AccountServiceDto'][];
    };
    AdminGrantDetailDto: {
      /** @description The grant. */
      grant: components['schemas']['AdminGrantDto'];
      /** @description The email of the admin or user in `revokedBy`, when it names one. */
      revokedByEmail: string | null;
      /** @description Events of this grant, newest first. */
      timeline: components['schemas']['AuditEventDto'][];
    };
    AdminGrantDto: {
      /**
       * Format: date-time
       * @description When it was created (ISO 8601, UTC).
       */
      createdAt: string;
      /** @description Its user's email address. */
      email: string | null;
      /** @description Failed refreshes in a row. */
      failureCount: number;
      /** @description Google-specific warnings: `testing_mode_expiry`, `idle_near_expiry`, `refresh_token_churn`, `reauth_required`. */
      healthFlags: components['schemas']['GrantHealthFlag'][];
      /**
       * Format: uuid
       * @description The grant.
       */
      id: string;
      /** @description When an access token was last obtained (ISO 8601, UTC). */
      lastRefreshedAt: string | null;
      /** @description When it was last used (ISO 8601, UTC). */
      lastUsedAt: string | null;
      /** @description Since when Google wants the user to sign in again (`invalid_rapt`). */
      reauthRequiredAt: string | null;
      /** @description When Google ends the refresh token (`refresh_token_expires_in`), if it said. */
      refreshTokenExpiresAt: string | null;
      /** @description Why it was revoked, as given. */
      revocationReason: string | null;
      /** @description When it was revoked (ISO 8601, UTC). */
      revokedAt: string | null;
      /** @description `admin:<id>`, `user:<id>`, … */
      revokedBy: string | null;
      /** @description Scopes Google granted (full URLs). */
      scopes: string[];
      /**
       * @description `suspended`: Google disabled the account (RISC); tokens are withheld.
       * @enum {string}
       */
      status: 'active' | 'revoked' | 'suspended';
      /**
       * Format: uuid
       * @description Whose it is.
       */
      userId: string;
    };
    AdminGrantPageDto: {
      /** @description The grants of this page. */
      items: components['schemas']['AdminGrantDto'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    AdminSessionDto: {
      /**
       * Format: date-time
       * @description When the session began (ISO 8601, UTC).
       */
      createdAt: string;
      /**
       * Format: uuid
       * @description The session (not its cookie).
       */
      id: string;
      /** @description The client address it began from. */
      ip: string | null;
      /**
       * Format: date-time
       * @description When the session was last used (ISO 8601, UTC).
       */
      lastSeenAt: string;
      /** @description The browser it began in. */
      userAgent: string | null;
    };
    AdminUserDetailDto: {
      /** @description An admin through ADMIN_EMAILS (a verified address): sign-in makes them admin again, so the API refuses to demote them (409 bootstrap_admin). */
      bootstrapAdmin: boolean;
      /** @description Their offline grant (`status: none` if never switched on). */
      grant: components['schemas']['GrantViewDto'];
      /**
       * Format: uuid
       * @description The id of that grant, for the grant endpoints.
       */
      grantId: string | null;
      /** @description The user. */
      profile: components['schemas']['UserProfileDto'];
      /** @description The 20 newest events about the user. */
      recentAudit: components['schemas']['AuditEventDto'][];
      /** @description Their live sessions. */
      sessions: components['schemas']['AdminSessionDto'][];
      /** @description Their offline tasks. */
      tasks: components['schemas']['AdminUserTaskDto'][];
    };
    AdminUserDto: {
      /**
       * Format: date-time
       * @description When they first signed in (ISO 8601, UTC).
       */
      createdAt: string;
      /** @description Their Google email address. */
      email: string | null;
      /**
       * @description `none` when offline access was never switched on.
       * @enum {string}
       */
      grantStatus: 'none' | 'active' | 'revoked' | 'suspended';
      /**
       * Format: uuid
       * @description The user's id here.
       */
      id: string;
      /**
       * Format: date-time
       * @description When they last signed in (ISO 8601, UTC).
       */
      lastSignInAt: string | null;
      /** @description Their full name at Google. */
      name: string | null;
      /**
       * @description `admin` can use the dashboard and the admin API.
       * @enum {string}
       */
      role: 'user' | 'admin';
      /** @description Google's account id. */
      sub: string;
    };
    AdminUserPageDto: {
      /** @description The users of this page. */
      items: components['schemas']['AdminUserDto'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    AdminUserTaskDto: {
      /** @description Failed runs in a row; 0 after a success. */
      consecutiveFailures: number;
      /** @description Whether the user switched it on. */
      enabled: boolean;
      /** @description The error code of the last run if it failed, e.g. `gmail_token_refused`. */
      lastError: string | null;
      /** @description When it last ran (ISO 8601, UTC). */
      lastRunAt: string | null;
      /** @description The task, e.g. `news-digest`. */
      name: string;
      /** @description When it runs next (ISO 8601, UTC). */
      nextRunAt: string | null;
      /** @description Why it waits: `grant_revoked`, `grant_not_found`, `grant_suspended`, `scope_not_granted`. */
      pausedReason: string | null;
      /** @description The scopes it needs (full URLs). */
      scopes: string[];
      /**
       * @description `paused`: it waits for the user (see `pausedReason`).
       * @enum {string}
       */
      state: 'active' | 'paused';
      /** @description Its name for people. */
      title: string;
    };
    AuditEventDto: {
      /** @description What happened, e.g. `grant.revoked`. */
      action: string;
      /** @description The actor's email, when the actor is a user or an admin who still exists. */
      actorEmail: string | null;
      /** @description The actor's id (a user id for users and admins). */
      actorId: string | null;
      /**
       * @description Who acted: a user, an admin, a service caller, the system, Google, or nobody signed in.
       * @enum {string}
       */
      actorKind: 'user' | 'admin' | 'service' | 'system' | 'google' | 'anonymous';
      /** @description What else the event records; never a secret. */
      details: {
        [key: string]: unknown;
      };
      /**
       * Format: uuid
       * @description The grant it is about.
       */
      grantId: string | null;
      /** @description Increasing identity, as a string. */
      id: string;
      /** @description The client address of that request. */
      ip: string | null;
      /**
       * Format: date-time
       * @description When it happened (ISO 8601, UTC).
       */
      occurredAt: string;
      /** @description The request it happened in (`X-Request-Id`). */
      requestId: string | null;
      /** @description That user's email. */
      requestUserEmail: string | null;
      /**
       * Format: uuid
       * @description For an anonymous event (a step before the caller is known, such as a code exchange): the user or admin another event of the same request names as its actor.
       */
      requestUserId: string | null;
      /** @description The subject user's email. */
      subjectEmail: string | null;
      /**
       * Format: uuid
       * @description The user it is about.
       */
      subjectUserId: string | null;
      /** @description The browser or client of that request. */
      userAgent: string | null;
    };
    AuditEventPageDto: {
      /** @description The events of this page, newest first. */
      items: components['schemas']['AuditEventDto'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    BulkRevokeDto: {
      /** @description Only count the grants that would be revoked. */
      dryRun: boolean;
      /** @description At least one criterion; revoked ones skip. */
      filter: components['schemas']['GrantFilterDto'];
      /** @description Why, for the record of every grant revoked. */
      reason: string;
    };
    BulkRevokeResultDto: {
      /** @description Dry run: live grants matching the filter. */
      count?: number;
      /** @description Grants revoked. */
      revoked?: number;
    };
    ConfigureTaskDto: {
      /** @description On (true) or off (false) for the signed-in user. */
      enabled: boolean;
      /** @description The task’s settings, e.g. `{ "categories": ["science"] }` for news-digest. */
      settings?: {
        [key: string]: unknown;
      };
    };
    ConsentRequestDto: {
      /**
       * Format: date-time
       * @description When the user completed or declined it.
       */
      completed_at: string | null;
      /**
       * Format: date-time
       * @description When it was first asked.
       */
      created_at: string;
      /**
       * Format: date-time
       * @description When the link stops working (a week).
       */
      expires_at: string;
      /** @description Once completed: the asked scopes the user granted. */
      granted_scopes: string[] | null;
      /**
       * Format: uuid
       * @description The request.
       */
      id: string;
      /** @description The asked scopes not granted: all of them while pending, those unticked once completed. */
      missing_scopes: string[];
      /** @description The purpose id. */
      purpose: string;
      /** @description Where the user is sent afterwards. */
      return_url: string | null;
      /** @description The scopes asked for, normalised and sorted. */
      scopes: string[];
      /**
       * @description `pending` until the user answers; `completed` after Google’s consent (see `granted_scopes`: the user may have unticked some), `declined` ("Not now"), `expired` after `expires_at`.
       * @enum {string}
       */
      status: 'pending' | 'completed' | 'declined' | 'expired';
      /** @description The page to send the user to (`/consent/<id>`). */
      url: string;
      /**
       * Format: uuid
       * @description The user asked.
       */
      user_id: string;
    };
    CreateConsentRequestDto: {
      /**
       * @description A purpose id from this service’s catalogue: its feature text is shown to the user.
       * @example weekly-digest
       */
      purpose: string;
      /**
       * @description Where to send the user afterwards, with `?consent_request=<id>&status=<status>` added; at one of the service’s registered return origins. Without it the user goes to their account page.
       * @example https://newsletter.example.com/settings
       */
      return_url?: string;
      /**
       * @description Google scopes to ask the user for, as full URLs; each allowed for this service.
       * @example [
       *       "https://www.googleapis.com/auth/calendar.readonly"
       *     ]
       */
      scopes: string[];
      /** @description Whom to ask: `{ id }` or `{ google_sub }`. */
      user: components['schemas']['UserReferenceDto'];
    };
    CreatedServiceKeyDto: {
      /** @description The service API scopes the key may call. */
      apiScopes: ('tokens:issue' | 'grants:read')[];
      /**
       * Format: date-time
       * @description When the key was made.
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description When the key stops working.
       */
      expiresAt: string;
      /**
       * Format: uuid
       * @description The key's id (to revoke it).
       */
      id: string;
      /** @description The key itself: shown this once, stored only as a hash. */
      key: string;
      /**
       * Format: date-time
       * @description When the key was last used (written at most once a minute).
       */
      lastUsedAt: string | null;
      /** @description The address the key was last used from. */
      lastUsedIp: string | null;
      /** @description The key’s first characters after `gk_<env>_`, to tell keys apart. */
      lookupPrefix: string;
      /**
       * Format: date-time
       * @description When an admin revoked the key; null while live.
       */
      revokedAt: string | null;
    };
    CreateServiceClientDto: {
      /** @description Google scopes the service may ask tokens for (full URLs). */
      allowedScopes: string[];
      /** @description Who to reach about it (an email or a channel). */
      contact: string;
      /**
       * @description Addresses or CIDR blocks the service calls from; empty: any.
       * @example [
       *       "10.0.0.0/8"
       *     ]
       */
      ipAllowlist?: string[];
      /** @description Public keys (RSA ≥ 2048 bits, P-256 or Ed25519) the service signs its `private_key_jwt` assertions with; a key with a private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`) is refused. Replaces `jwksUri`; null removes it. */
      jwks?: {
        /** @description The JWKs (RFC 7517), each with its own `kid` when there are several. */
        keys?: {
          [key: string]: unknown;
        }[];
      } | null;
      /**
       * @description Or the URL the service publishes its JWK set at (https in production), fetched and cached, and fetched again on an unknown `kid`. Replaces `jwks`; null removes it.
       * @example https://newsletter.example.com/.well-known/jwks.json
       */
      jwksUri?: string | null;
      /** @description The API scopes a token from `POST /api/v1/oauth/token` may carry. Default: all. */
      jwtApiScopes?: ('tokens:issue' | 'grants:read')[];
      /**
       * @description Unique name of the service.
       * @example newsletter
       */
      name: string;
      /** @description Why the service reads users’ access. */
      purposes: components['schemas']['ServicePurposeDto'][];
      /**
       * @description Origins (`https://host[:port]`; `http://` only outside production or for localhost) a consent request may send the user back to.
       * @example [
       *       "https://newsletter.example.com"
       *     ]
       */
      returnOrigins?: string[];
      /** @description The team that owns it. */
      team: string;
    };
    CreateServiceKeyDto: {
      /** @description Default: all. */
      apiScopes?: ('tokens:issue' | 'grants:read')[];
      /**
       * @description Days until it expires.
       * @default 90
       */
      expiresInDays: number;
    };
    DisclosureDto: {
      /**
       * Format: uuid
       * @description Or the access token used, by a private_key_jwt client.
       */
      accessTokenId: string | null;
      /**
       * Format: uuid
       * @description The service client.
       */
      clientId: string;
      /** @description Its name; null once deleted. */
      clientName: string | null;
      /**
       * Format: uuid
       * @description The grant.
       */
      grantId: string | null;
      /** @description Increasing identity, as a string. */
      id: string;
      /** @description The service’s address. */
      ip: string | null;
      /**
       * Format: uuid
       * @description The API key used.
       */
      keyId: string | null;
      /**
       * Format: date-time
       * @description When the service asked.
       */
      occurredAt: string;
      /**
       * @description Whether a token was given.
       * @enum {string}
       */
      outcome: 'issued' | 'refused';
      /** @description The purpose id the service gave. */
      purpose: string;
      /** @description The service’s note on this read. */
      purposeDetail: string | null;
      /** @description The refusal’s code. */
      refusal: string | null;
      /** @description The request id. */
      requestId: string | null;
      /** @description The scopes asked for. */
      scopes: string[];
      /** @description SHA-256 of the token given (`sha256:<base64url>`), to trace a leaked token. */
      tokenFingerprint: string | null;
      /** @description The user's email. */
      userEmail: string | null;
      /**
       * Format: uuid
       * @description The user.
       */
      userId: string | null;
    };
    DisclosurePageDto: {
      /** @description The disclosures of this page, newest first. */
      items: components['schemas']['DisclosureDto'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    EffectiveRateLimitsDto: {
      /** @description Calls per minute the client is held to now. */
      perMinute: number;
      /** @description Token requests per user per minute the client is held to now. */
      perUserPerMinute: number;
    };
    /** @description The body of every error answer. */
    ErrorResponse: {
      /** @description With `validation_failed` only: which fields were refused, and why. */
      details?: string[];
      /**
       * @description A stable snake_case code a client can branch on; the response descriptions list them.
       * @example not_found
       */
      error: string;
      /**
       * @description A sentence for people. Not stable: do not parse it.
       * @example No such user.
       */
      message: string;
      /**
       * @description The HTTP status, repeated.
       * @example 404
       */
      statusCode: number;
    };
    ExchangeCodeDto: {
      /** @description The `code` from google.accounts.oauth2.initCodeClient. */
      code: string;
    };
    FailedJobDto: {
      /**
       * Format: date-time
       * @description When it last failed (ISO 8601, UTC).
       */
      completedOn: string | null;
      /**
       * Format: date-time
       * @description When it was queued (ISO 8601, UTC).
       */
      createdOn: string;
      /** @description The last failure's message. */
      error: string | null;
      /**
       * Format: uuid
       * @description The job.
       */
      id: string;
      /** @description The job's name (pg-boss names a job after its queue). */
      name: string;
      /** @description The queue the job belongs to. */
      queue: string;
      /** @description Retries made before it gave up. */
      retryCount: number;
      /** @description The grant or user task it was about. */
      singletonKey: string | null;
    };
    FailedJobsDto: {
      /** @description Newest first, at most 100. */
      items: components['schemas']['FailedJobDto'][];
    };
    GoogleClientStateDto: {
      /** @description Refusals in this outage (the first, then one per probe). */
      refusals: number;
      /** @description Google refuses our OAuth client (401 invalid_client): refreshes are held back, grants are left as they are, and Google is asked again every minute. */
      rejected: boolean;
      /**
       * Format: date-time
       * @description When Google began refusing our client; null when it is not (ISO 8601, UTC).
       */
      since: string | null;
    };
    GrantFilterDto: {
      /**
       * Format: date-time
       * @description Created at or after.
       */
      createdFrom?: string;
      /**
       * Format: date-time
       * @description Created before.
       */
      createdTo?: string;
      /** @description Grants with this health flag. */
      flag?: components['schemas']['GrantHealthFlag'];
      /**
       * Format: date-time
       * @description Not used since (a never-used grant counts from its creation).
       */
      lastUsedBefore?: string;
      /**
       * @description A granted scope: the full URL or its short name (`gmail.send` stands for `https://www.googleapis.com/auth/gmail.send`).
       * @example gmail.send
       */
      scope?: string;
      /**
       * @description Grants in this state.
       * @enum {string}
       */
      status?: 'active' | 'revoked' | 'suspended';
    };
    /** @enum {string} */
    GrantHealthFlag:
      'testing_mode_expiry' | 'idle_near_expiry' | 'refresh_token_churn' | 'reauth_required';
    GrantStatusDayDto: {
      /** @description Live and not suspended at the end of the day. */
      active: number;
      /**
       * @description The day (UTC).
       * @example 2026-12-01
       */
      date: string;
      /** @description Grants revoked that day. */
      revoked: number;
      /** @description Grants suspended at the end of the day. */
      suspended: number;
    };
    GrantViewDto: {
      /**
       * Format: date-time
       * @description When offline access was switched on (ISO 8601, UTC).
       */
      createdAt?: string;
      /**
       * Format: date-time
       * @description When an access token was last obtained from Google (ISO 8601, UTC).
       */
      lastRefreshedAt?: Record<string, never> | null;
      /**
       * Format: date-time
       * @description When a task or API caller last used the grant (ISO 8601, UTC).
       */
      lastUsedAt?: Record<string, never> | null;
      /**
       * Format: date-time
       * @description Since when Google wants the user to sign in again (`invalid_rapt`); the grant is kept and works again once they have.
       */
      reauthRequiredAt?: Record<string, never> | null;
      /**
       * Format: date-time
       * @description When Google ends the refresh token (`refresh_token_expires_in`: time-based access, or an app in Testing); reconnect before it.
       */
      refreshTokenExpiresAt?: Record<string, never> | null;
      /** @description Why the grant was revoked. */
      revocationReason?: Record<string, never> | null;
      /**
       * Format: date-time
       * @description When the grant was revoked; null while live (ISO 8601, UTC).
       */
      revokedAt?: Record<string, never> | null;
      /** @description Scopes Google granted (full URLs). */
      scopes: string[];
      /**
       * @description `none`: offline access was never switched on. `suspended`: Google disabled the account.
       * @enum {string}
       */
      status: 'none' | 'active' | 'revoked' | 'suspended';
    };
    IdTokenSignInDto: {
      /** @description The client id GIS used (sent by the JavaScript callback). */
      clientId?: string;
      /** @description The Google ID token (JWT) from Google Identity Services. */
      credential: string;
      /** @description Double-submit token of GIS redirect mode (form posts). */
      g_csrf_token?: string;
      /**
       * @description How the user picked the account, as GIS reports it. Any value is accepted (Google adds new ones); the documented ones are recorded as they are, others as `unrecognised`.
       * @enum {string}
       */
      select_by?:
        | 'auto'
        | 'user'
        | 'fedcm'
        | 'fedcm_auto'
        | 'user_1tap'
        | 'user_2tap'
        | 'itp'
        | 'itp_confirm'
        | 'itp_add_session'
        | 'itp_confirm_add_session'
        | 'btn'
        | 'btn_confirm'
        | 'btn_add_session'
        | 'btn_confirm_add_session';
    };
    IssuanceStopDto: {
      /**
       * Format: uuid
       * @description The admin who stopped it.
       */
      by: string | null;
      /** @description The reason the admin gave. */
      reason: string;
      /**
       * Format: date-time
       * @description Since when issuance is stopped.
       */
      since: string;
    };
    IssuanceStopInputDto: {
      /**
       * @description Why issuance stops: shown to the service in the refusal, and audited.
       * @example Incident 2026-12-03: tokens leaked in a log
       */
      reason: string;
    };
    IssuedTokenDto: {
      /** @description The Google access token. Live: never log it. */
      access_token: string;
      /** @description The id of the disclosure that records this read. */
      disclosure_id: string;
      /**
       * Format: date-time
       * @description When the token expires (ISO 8601, UTC).
       */
      expires_at: string;
      /** @description Seconds left, at the time of the answer. */
      expires_in: number;
      /** @description The grant the token comes from, with every scope the user granted. */
      grant: components['schemas']['TokenGrantDto'];
      /** @description The scopes the token carries. */
      scopes: string[];
      /**
       * @description Always `Bearer`.
       * @enum {string}
       */
      token_type: 'Bearer';
    };
    IssueTokenDto: {
      /** @description Least life the token must have left, in seconds. The broker never hands out a token with less than 300 s left, so up to 300 is always met. */
      min_ttl_seconds?: number;
      /**
       * @description A purpose id from this service’s catalogue: what the token is for, shown to the user.
       * @example weekly-digest
       */
      purpose: string;
      /** @description Free text about this one read (a job id, a ticket), kept on the disclosure. */
      purpose_detail?: string;
      /**
       * @description Google scopes the token must carry, as full URLs; each allowed for this service.
       * @example [
       *       "https://www.googleapis.com/auth/gmail.send"
       *     ]
       */
      scopes: string[];
      /** @description Whose Google access: `{ id }` or `{ google_sub }`. */
      user: components['schemas']['UserReferenceDto'];
    };
    JobsOverviewDto: {
      /** @description Each job queue with its counts. */
      queues: components['schemas']['QueueStatsDto'][];
      /** @description The 50 newest task runs. */
      recentRuns: components['schemas']['TaskRunDto'][];
      /** @description Users' tasks by state (`active`, `paused`, `disabled`). */
      tasks: {
        [key: string]: number;
      };
      /**
       * Format: date-time
       * @description When `tasks` was counted: an instance reuses its counts for up to 10 s.
       */
      tasksCountedAt: string;
    };
    OAuthTokenRequestDto: {
      /** @description A JWT signed (RS256, PS256, ES256 or EdDSA) by one of the client’s registered keys: `iss` and `sub` the client id, `aud` this endpoint’s URL (or the issuer, `PUBLIC_URL`), `exp` at most 5 minutes ahead, a single-use `jti`. */
      client_assertion: string;
      /**
       * @description RFC 7523 §2.2: the client authenticates with a signed JWT.
       * @enum {string}
       */
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
      /**
       * Format: uuid
       * @description The client id; optional, and when given it must be the assertion’s `iss`.
       */
      client_id?: string;
      /**
       * @description RFC 6749 §4.4.
       * @enum {string}
       */
      grant_type: 'client_credentials';
      /**
       * @description Space-separated API scopes the token should carry (`tokens:issue grants:read`), each one the client’s JWT tokens are allowed; default: all of those.
       * @example tokens:issue
       */
      scope?: string;
    };
    OAuthTokenResponseDto: {
      /** @description An opaque `gkat_<env>_…` token for the service API (`Authorization: Bearer …`). Live: never log it. */
      access_token: string;
      /**
       * @description Seconds the token lives: 300.
       * @example 300
       */
      expires_in: number;
      /** @description The API scopes it carries, space-separated. */
      scope: string;
      /**
       * @description Always `Bearer` (RFC 6750).
       * @enum {string}
       */
      token_type: 'Bearer';
    };
    OverviewDto: {
      /** @description How many days the series cover. */
      days: number;
      /** @description This instance's view of Google. */
      googleClient: components['schemas']['GoogleClientStateDto'];
      /** @description Grants by state, per day. */
      grantsByStatus: components['schemas']['GrantStatusDayDto'][];
      /** @description The numbers above the charts. */
      headline: components['schemas']['OverviewHeadlineDto'];
      /** @description Token refreshes, per day. */
      refreshOutcomes: components['schemas']['RefreshOutcomeDayDto'][];
      /** @description Successful sign-ins per day. */
      signIns: components['schemas']['SignInDayDto'][];
      /** @description Users' tasks by state (`active`, `paused`, `disabled`), now. */
      tasksByState: {
        [key: string]: number;
      };
    };
    OverviewHeadlineDto: {
      /** @description Enabled tasks whose last run failed, now. */
      failingTasks: number;
      /** @description Grants live and not suspended, now. */
      liveGrants: number;
      /** @description Refreshes that succeeded, of all in the period (0–1); null when there was none. */
      refreshSuccessRate: number | null;
      /** @description Grants revoked during the period shown. */
      revokedInPeriod: number;
      /** @description Grants suspended (Google refused a refresh), now. */
      suspendedGrants: number;
      /** @description Users who ever signed in, now. */
      users: number;
    };
    QueueStatsDto: {
      /** @description Jobs running. */
      active: number;
      /** @description False when this instance runs no job queue (SCHEDULER_ENABLED). */
      available: boolean;
      /** @description Jobs waiting for their start time. */
      deferred: number;
      /** @description Jobs that failed every retry. */
      failed: number;
      /** @description The queue. */
      name: string;
      /** @description Jobs ready to run. */
      queued: number;
      /** @description All of the above. */
      total: number;
    };
    RefreshOutcomeDayDto: {
      /**
       * @description The day (UTC).
       * @example 2026-12-01
       */
      date: string;
      /** @description Token refreshes that failed. */
      failed: number;
      /** @description Token refreshes that succeeded. */
      succeeded: number;
    };
    RetriedJobDto: {
      /**
       * @description Always true: the job is queued again.
       * @enum {boolean}
       */
      retried: true;
    };
    RevokedGrantDto: {
      /**
       * Format: date-time
       * @description When offline access was switched on (ISO 8601, UTC).
       */
      createdAt?: string;
      /**
       * Format: uuid
       * @description The revoked grant.
       */
      id?: string;
      /**
       * Format: date-time
       * @description When an access token was last obtained from Google (ISO 8601, UTC).
       */
      lastRefreshedAt?: Record<string, never> | null;
      /**
       * Format: date-time
       * @description When a task or API caller last used the grant (ISO 8601, UTC).
       */
      lastUsedAt?: Record<string, never> | null;
      /**
       * Format: date-time
       * @description Since when Google wants the user to sign in again (`invalid_rapt`); the grant is kept and works again once they have.
       */
      reauthRequiredAt?: Record<string, never> | null;
      /**
       * Format: date-time
       * @description When Google ends the refresh token (`refresh_token_expires_in`: time-based access, or an app in Testing); reconnect before it.
       */
      refreshTokenExpiresAt?: Record<string, never> | null;
      /** @description Why the grant was revoked. */
      revocationReason?: Record<string, never> | null;
      /**
       * Format: date-time
       * @description When the grant was revoked (ISO 8601, UTC).
       */
      revokedAt?: Record<string, never> | null;
      /** @description Scopes Google granted (full URLs). */
      scopes: string[];
      /**
       * @description `none`: offline access was never switched on. `suspended`: Google disabled the account.
       * @enum {string}
       */
      status: 'none' | 'active' | 'revoked' | 'suspended';
      /**
       * @description `pending`: Google's revoke failed and is retried by the purge job. `not_revocable`: Google refused to revoke the token (final, audited).
       * @enum {string}
       */
      upstream: 'revoked' | 'already_invalid' | 'not_revocable' | 'pending';
    };
    RevokedSessionsDto: {
      /** @description How many live sessions were ended. */
      revoked: number;
    };
    RevokeGrantDto: {
      /** @description Why, for the record. */
      reason: string;
    };
    RewrapRunDto: {
      /**
       * Format: date-time
       * @description When the run finished (ISO 8601, UTC).
       */
      finishedAt: string;
      /** @description Envelopes left on older key versions when it finished. */
      remaining: number;
      /** @description Envelopes moved to the active key version. */
      rewrapped: number;
    };
    RewrapStartedDto: {
      /** @description False when a re-wrap was already queued or running. */
      queued: boolean;
      /** @description Envelopes not yet on the active key version. */
      remaining: number;
    };
    RewrapStatusDto: {
      /** @description The last run that re-wrapped. */
      lastRun: components['schemas']['RewrapRunDto'] | null;
      /** @description A re-wrap job is queued or running. */
      queued: boolean;
      /** @description Envelopes not yet on the active key version. */
      remaining: number;
    };
    ScopeKillSwitchDto: {
      /**
       * Format: uuid
       * @description The admin who stopped it.
       */
      by: string | null;
      /** @description The reason the admin gave. */
      reason: string;
      /** @description The Google scope no token may include while the switch is on. */
      scope: string;
      /**
       * Format: date-time
       * @description Since when issuance is stopped.
       */
      since: string;
    };
    ScopeKillSwitchListDto: {
      /** @description Every switched-off scope, by scope. */
      items: components['schemas']['ScopeKillSwitchDto'][];
    };
    ServiceClientControlsDto: {
      /** @description The limits in force (with defaults). */
      effective: components['schemas']['EffectiveRateLimitsDto'];
      /** @description Set while the client’s kill switch stops its token issuance; null otherwise. */
      killSwitch: components['schemas']['IssuanceStopDto'] | null;
      /** @description The limits an admin set. */
      rateLimits: components['schemas']['ServiceRateLimitsDto'];
    };
    ServiceClientDetailDto: {
      /** @description The client. */
      client: components['schemas']['ServiceClientDto'];
      /** @description Its keys, newest first: never a key itself. */
      keys: components['schemas']['ServiceKeyDto'][];
    };
    ServiceClientDto: {
      /** @description Google scopes the service may ask tokens for. */
      allowedScopes: string[];
      /** @description Who to reach about it. */
      contact: string;
      /**
       * Format: date-time
       * @description When the client was registered (ISO 8601, UTC).
       */
      createdAt: string;
      /**
       * Format: uuid
       * @description The client's id.
       */
      id: string;
      /** @description Addresses or CIDR blocks it may call from; empty: any. */
      ipAllowlist: string[];
      /** @description Public keys (RSA ≥ 2048 bits, P-256 or Ed25519) the service signs its `private_key_jwt` assertions with; a key with a private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`) is refused. Replaces `jwksUri`; null removes it. */
      jwks?: {
        /** @description The JWKs (RFC 7517), each with its own `kid` when there are several. */
        keys: {
          [key: string]: unknown;
        }[];
      } | null;
      /** @description The URL of its JWK set, if it registered one instead of `jwks`. */
      jwksUri: string | null;
      /** @description The API scopes its JWT-issued tokens may carry. */
      jwtApiScopes: ('tokens:issue' | 'grants:read')[];
      /**
       * Format: date-time
       * @description When one of its keys was last used (ISO 8601, UTC).
       */
      lastUsedAt: string | null;
      /** @description Unique name of the service. */
      name: string;
      /** @description Why the service reads users’ access, each shown to users. */
      purposes: components['schemas']['ServicePurposeDto'][];
      /** @description Where consent requests may send users back to. */
      returnOrigins: string[];
      /**
       * @description `suspended`: every call is refused (401).
       * @enum {string}
       */
      status: 'active' | 'suspended';
      /** @description The team that owns it. */
      team: string;
      /**
       * Format: date-time
       * @description When an admin last changed it (ISO 8601, UTC).
       */
      updatedAt: string;
    };
    ServiceClientListDto: {
      /** @description Every registered client, by name. */
      items: components['schemas']['ServiceClientSummaryDto'][];
    };
    ServiceClientSummaryDto: {
      /** @description Its keys that work now: not revoked, not expired. */
      activeKeys: number;
      /** @description Google scopes the service may ask tokens for. */
      allowedScopes: string[];
      /** @description Who to reach about it. */
      contact: string;
      /**
       * Format: date-time
       * @description When the client was registered (ISO 8601, UTC).
       */
      createdAt: string;
      /**
       * Format: uuid
       * @description The client's id.
       */
      id: string;
      /** @description Addresses or CIDR blocks it may call from; empty: any. */
      ipAllowlist: string[];
      /** @description Public keys (RSA ≥ 2048 bits, P-256 or Ed25519) the service signs its `private_key_jwt` assertions with; a key with a private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`) is refused. Replaces `jwksUri`; null removes it. */
      jwks?: {
        /** @description The JWKs (RFC 7517), each with its own `kid` when there are several. */
        keys: {
          [key: string]: unknown;
        }[];
      } | null;
      /** @description The URL of its JWK set, if it registered one instead of `jwks`. */
      jwksUri: string | null;
      /** @description The API scopes its JWT-issued tokens may carry. */
      jwtApiScopes: ('tokens:issue' | 'grants:read')[];
      /**
       * Format: date-time
       * @description When one of its keys was last used (ISO 8601, UTC).
       */
      lastUsedAt: string | null;
      /** @description Unique name of the service. */
      name: string;
      /** @description Why the service reads users’ access, each shown to users. */
      purposes: components['schemas']['ServicePurposeDto'][];
      /** @description Where consent requests may send users back to. */
      returnOrigins: string[];
      /**
       * @description `suspended`: every call is refused (401).
       * @enum {string}
       */
      status: 'active' | 'suspended';
      /** @description The team that owns it. */
      team: string;
      /**
       * Format: date-time
       * @description When an admin last changed it (ISO 8601, UTC).
       */
      updatedAt: string;
    };
    ServiceGrantDto: {
      /**
       * Format: date-time
       * @description When the user switched offline access on.
       */
      created_at: string;
      /** @description The granted scopes this service is allowed (others are not shown). */
      granted_scopes: string[];
      /**
       * Format: uuid
       * @description The grant.
       */
      id: string;
      /**
       * Format: date-time
       * @description When anyone last used the grant, to the minute (a use within a minute of the last one recorded is not written again).
       */
      last_used_at: string | null;
      /** @description Why it was revoked. */
      revocation_reason: string | null;
      /**
       * Format: date-time
       * @description When it was revoked; null while live.
       */
      revoked_at: string | null;
      /**
       * @description `suspended`: Google disabled the account; tokens are refused until it is not.
       * @enum {string}
       */
      status: 'active' | 'revoked' | 'suspended';
      /**
       * Format: uuid
       * @description The user it belongs to.
       */
      user_id: string;
    };
    ServiceGrantPageDto: {
      /** @description The grants of this page, newest first; those of users who blocked this service are left out, so a page may hold fewer than `limit`. */
      items: components['schemas']['ServiceGrantDto'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      next_cursor: string | null;
    };
    ServiceKeyDto: {
      /** @description The service API scopes the key may call. */
      apiScopes: ('tokens:issue' | 'grants:read')[];
      /**
       * Format: date-time
       * @description When the key was made.
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description When the key stops working.
       */
      expiresAt: string;
      /**
       * Format: uuid
       * @description The key's id (to revoke it).
       */
      id: string;
      /**
       * Format: date-time
       * @description When the key was last used (written at most once a minute).
       */
      lastUsedAt: string | null;
      /** @description The address the key was last used from. */
      lastUsedIp: string | null;
      /** @description The key’s first characters after `gk_<env>_`, to tell keys apart. */
      lookupPrefix: string;
      /**
       * Format: date-time
       * @description When an admin revoked the key; null while live.
       */
      revokedAt: string | null;
    };
    ServicePurposeDto: {
      /**
       * @description The feature it serves, as users read it.
       * @example Your weekly digest
       */
      feature: string;
      /**
       * @description Stable id the service sends with each request.
       * @example weekly-digest
       */
      id: string;
    };
    ServiceRateLimitsDto: {
      /** @description The client’s own limit of calls per minute; null: the default. */
      perMinute: number | null;
      /** @description The client’s own limit of token requests per user per minute; null: the default. */
      perUserPerMinute: number | null;
    };
    SetRoleDto: {
      /**
       * @description The new role.
       * @enum {string}
       */
      role: 'user' | 'admin';
    };
    SetServiceRateLimitsDto: {
      /** @description Service API calls per minute for the client, over every instance; null or absent: `SERVICE_API_RATE_LIMIT_PER_MINUTE`. */
      perMinute?: number | null;
      /** @description Token requests per minute for one user by the client; null or absent: `SERVICE_API_RATE_LIMIT_PER_USER_PER_MINUTE`. */
      perUserPerMinute?: number | null;
    };
    SignInDayDto: {
      /** @description Successful sign-ins. */
      count: number;
      /**
       * @description The day (UTC).
       * @example 2026-12-01
       */
      date: string;
    };
    TaskRunDto: {
      /** @description Which attempt of the job (1 for the first). */
      attempt: number;
      /** @description The error code if it failed, e.g. `gmail_token_refused`. */
      error: string | null;
      /**
       * Format: date-time
       * @description When it finished (ISO 8601, UTC).
       */
      finishedAt: string;
      /** @description The run. */
      id: string;
      /** @description `succeeded`, `failed` or `paused`. */
      outcome: string;
      /**
       * Format: date-time
       * @description When it started (ISO 8601, UTC).
       */
      startedAt: string;
      /** @description The task, e.g. `news-digest`. */
      taskName: string;
      /** @description The user's email. */
      userEmail: string | null;
      /**
       * Format: uuid
       * @description Whose task it was.
       */
      userId: string;
    };
    TokenGrantDto: {
      /** @description Every scope the user granted. */
      granted_scopes: string[];
      /**
       * Format: uuid
       * @description The grant the token comes from.
       */
      id: string;
      /**
       * @description Always `active` on a token: other states are refusals.
       * @enum {string}
       */
      status: 'active';
    };
    UpdateServiceClientDto: {
      /** @description Google scopes the service may ask tokens for (full URLs). */
      allowedScopes?: string[];
      /** @description Who to reach about it (an email or a channel). */
      contact?: string;
      /**
       * @description Addresses or CIDR blocks the service calls from; empty: any.
       * @example [
       *       "10.0.0.0/8"
       *     ]
       */
      ipAllowlist?: string[];
      /** @description Public keys (RSA ≥ 2048 bits, P-256 or Ed25519) the service signs its `private_key_jwt` assertions with; a key with a private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`) is refused. Replaces `jwksUri`; null removes it. */
      jwks?: {
        /** @description The JWKs (RFC 7517), each with its own `kid` when there are several. */
        keys?: {
          [key: string]: unknown;
        }[];
      } | null;
      /**
       * @description Or the URL the service publishes its JWK set at (https in production), fetched and cached, and fetched again on an unknown `kid`. Replaces `jwks`; null removes it.
       * @example https://newsletter.example.com/.well-known/jwks.json
       */
      jwksUri?: string | null;
      /** @description The API scopes a token from `POST /api/v1/oauth/token` may carry. Default: all. */
      jwtApiScopes?: ('tokens:issue' | 'grants:read')[];
      /**
       * @description Unique name of the service.
       * @example newsletter
       */
      name?: string;
      /** @description Why the service reads users’ access. */
      purposes?: components['schemas']['ServicePurposeDto'][];
      /**
       * @description Origins (`https://host[:port]`; `http://` only outside production or for localhost) a consent request may send the user back to.
       * @example [
       *       "https://newsletter.example.com"
       *     ]
       */
      returnOrigins?: string[];
      /**
       * @description Suspended: every call 401.
       * @enum {string}
       */
      status?: 'active' | 'suspended';
      /** @description The team that owns it. */
      team?: string;
    };
    UserProfileDto: {
      /**
       * Format: date-time
       * @description When they first signed in (ISO 8601, UTC).
       */
      createdAt: string;
      /** @description Their Google email address; null if Google sent none. */
      email: string | null;
      /** @description Whether Google has verified the email address. */
      emailVerified: boolean;
      /** @description Their last name at Google. */
      familyName: string | null;
      /** @description Their first name at Google. */
      givenName: string | null;
      /** @description Google Workspace domain. */
      hd: string | null;
      /**
       * Format: uuid
       * @description The user's id here.
       */
      id: string;
      /**
       * Format: date-time
       * @description When they last signed in (ISO 8601, UTC).
       */
      lastSignInAt: string | null;
      /** @description Their full name at Google. */
      name: string | null;
      /** @description URL of their Google profile picture. */
      picture: string | null;
      /**
       * @description `admin` can use the dashboard and the admin API.
       * @enum {string}
       */
      role: 'user' | 'admin';
      /** @description Google's stable account id (`sub`). */
      sub: string;
    };
    UserReferenceDto: {
      /** @description The user’s Google account id (`sub`). */
      google_sub?: string;
      /**
       * Format: uuid
       * @description The user’s id here.
       */
      id?: string;
    };
    UserTaskDto: {
      /** @description Failed runs in a row; 0 after a success. */
      consecutiveFailures: number;
      /** @description Whether the user switched it on. */
      enabled: boolean;
      /** @description The error code of the last run if it failed (e.g. `gmail_token_refused`); else null. */
      lastError: string | null;
      /**
       * Format: date-time
       * @description When it last ran, successfully or not.
       */
      lastRunAt: string | null;
      /** @description The task, e.g. `news-digest`. */
      name: string;
      /**
       * Format: date-time
       * @description When it runs next.
       */
      nextRunAt: string | null;
      /** @description Why it waits: `grant_revoked`, `grant_not_found`, `grant_suspended` or `scope_not_granted`. */
      pausedReason: string | null;
      /** @description The scopes it needs (full URLs). */
      scopes: string[];
      /** @description Its settings, e.g. `{ "categories": ["science"] }` for news-digest. */
      settings: {
        [key: string]: unknown;
      };
      /**
       * @description `paused`: it waits for the user (see `pausedReason`) and does not run.
       * @enum {string}
       */
      state: 'active' | 'paused';
      /** @description Its name for people. */
      title: string;
    };
    VaultStatusDto: {
      /** @description The key version new envelopes are sealed under. */
      activeVersion: number;
      /**
       * Format: date-time
       * @description When the envelopes were counted: an instance reuses its counts for up to 10 s.
       */
      countedAt: string;
      /** @description Encryptions allowed per key version: 2^32 (NIST SP 800-38D). */
      encryptionLimit: number;
      /** @description Re-wrap progress. */
      rewrap: components['schemas']['RewrapStatusDto'];
      /** @description Every key version with envelopes or in the keyring. */
      versions: components['schemas']['VaultVersionDto'][];
    };
    VaultVersionDto: {
      /** @description Whether the keyring holds this version. */
      configured: boolean;
      /** @description Encryptions made under this key version by every instance (each seal, reseal and re-wrap is one), against the 2^32 bound of AES-GCM with random nonces. */
      encryptions: number;
      /** @description Envelopes sealed under this key version. */
      envelopes: number;
      /** @description True past 2^30 encryptions (a quarter of the bound): time to rotate. */
      rotateSoon: boolean;
      /** @description The key version. */
      version: number;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  AccountServicesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountServiceListDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AccountServicesController_block: {
    parameters: {
      query?: never;
      header: {
        /** @description Must be `XmlHttpRequest`. */
        'X-Requested-With': string;
      };
      path: {
        clientId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The service as it now is. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountServiceDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `cross_site_request`: not sent by our own page (`X-Requested-With` and same-site `Origin`). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found`: no such service. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AccountServicesController_unblock: {
    parameters: {
      query?: never;
      header: {
        /** @description Must be `XmlHttpRequest`. */
        'X-Requested-With': string;
      };
      path: {
        clientId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The service as it now is. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountServiceDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `cross_site_request`: not sent by our own page (`X-Requested-With` and same-site `Origin`). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found`: no such service. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminAuditController_list: {
    parameters: {
      query?: {
        action?: string;
        actorId?: string;
        actorKind?: 'user' | 'admin' | 'service' | 'system' | 'google' | 'anonymous';
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        /** @description At or after. */
        from?: string;
        limit?: number;
        /** @description By time: newest first (`desc`) or oldest first. */
        order?: 'desc' | 'asc';
        /** @description Before. */
        to?: string;
        /** @description The subject user. */
        userId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditEventPageDto'];
        };
      };
      /** @description `validation_failed` (with `details`): a parameter is refused. `invalid_cursor`: the cursor is not ours. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminAuditController_exportCsv: {
    parameters: {
      query?: {
        action?: string;
        actorId?: string;
        actorKind?: 'user' | 'admin' | 'service' | 'system' | 'google' | 'anonymous';
        /** @description At or after. */
        from?: string;
        /** @description Before. */
        to?: string;
        /** @description The subject user. */
        userId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSV, one event a line, formula-safe cells. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `validation_failed` (with `details`): a parameter is refused. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminDisclosuresController_list: {
    parameters: {
      query?: {
        /** @description The service client. */
        clientId?: string;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        /** @description At or after. */
        from?: string;
        limit?: number;
        outcome?: 'issued' | 'refused';
        /** @description A purpose id. */
        purpose?: string;
        /** @description A refusal code. */
        refusal?: string;
        /** @description Before. */
        to?: string;
        /** @description The user whose access was read. */
        userId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DisclosurePageDto'];
        };
      };
      /** @description `validation_failed` (with `details`): a parameter is refused. `invalid_cursor`: the cursor is not ours. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminDisclosuresController_exportCsv: {
    parameters: {
      query?: {
        /** @description The service client. */
        clientId?: string;
        /** @description At or after. */
        from?: string;
        outcome?: 'issued' | 'refused';
        /** @description A purpose id. */
        purpose?: string;
        /** @description A refusal code. */
        refusal?: string;
        /** @description Before. */
        to?: string;
        /** @description The user whose access was read. */
        userId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSV, one disclosure a line, formula-safe cells. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `validation_failed` (with `details`): a parameter is refused. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminGrantsController_list: {
    parameters: {
      query?: {
        /** @description Created at or after. */
        createdFrom?: string;
        /** @description Created before. */
        createdTo?: string;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        flag?: components['schemas']['GrantHealthFlag'];
        /** @description Not used since (a never-used grant counts from its creation). */
        lastUsedBefore?: string;
        limit?: number;
        order?: 'desc' | 'asc';
        /** @description A granted scope: the full URL or its short name (`gmail.send` stands for `https://www.googleapis.com/auth/gmail.send`). */
        scope?: string;
        sort?: 'created_at' | 'last_used_at';
        status?: 'active' | 'revoked' | 'suspended';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdminGrantPageDto'];
        };
      };
      /** @description `validation_failed` (with `details`): a parameter is refused. `invalid_cursor`: the cursor is not ours. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminGrantsController_detail: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdminGrantDetailDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminGrantsController_revoke: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RevokeGrantDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RevokedGrantDto'];
        };
      };
      /** @description `validation_failed` (with `details`): the body is refused; `invalid_json`, `json_too_deep`: the body is not usable JSON. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `already_revoked` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminGrantsController_revokeBulk: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkRevokeDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkRevokeResultDto'];
        };
      };
      /** @description `validation_failed`: the body is refused; `empty_filter`: the filter has no criterion; `invalid_json`, `json_too_deep`: the body is not usable JSON. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminOperationsController_jobs: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobsOverviewDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminOperationsController_retryJob: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path: {
        id: string;
        queue: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RetriedJobDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `job_not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `job_not_failed`, `job_already_queued` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminOperationsController_failedJobs: {
    parameters: {
      query?: {
        /** @description One queue; all by default. */
        queue?:
          | 'keep-alive-sweep'
          | 'grant-keep-alive'
          | 'task-sweep'
          | 'offline-task'
          | 'purge'
          | 'vault-rewrap'
          | 'dead-letter';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FailedJobsDto'];
        };
      };
      /** @description `validation_failed` (with `details`): a parameter is refused. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminOverviewController_get: {
    parameters: {
      query?: {
        /** @description UTC days, today included. */
        days?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverviewDto'];
        };
      };
      /** @description `validation_failed` (with `details`): a parameter is refused. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminScopeKillSwitchesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScopeKillSwitchListDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminScopeKillSwitchesController_set: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path: {
        /** @description The Google scope, URL-encoded. */
        scope: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['IssuanceStopInputDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScopeKillSwitchDto'];
        };
      };
      /** @description `validation_failed`: not a Google scope, or no reason */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminScopeKillSwitchesController_clear: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path: {
        /** @description The Google scope, URL-encoded. */
        scope: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Cleared: every instance issues it within seconds. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found`: no switch stops that scope */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminServiceClientsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ServiceClientListDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminServiceClientsController_create: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateServiceClientDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ServiceClientDto'];
        };
      };
      /** @description `validation_failed` (with `details`): the body is refused; `invalid_json`, `json_too_deep`: the body is not usable JSON. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `name_taken` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminServiceClientsController_detail: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ServiceClientDetailDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminServiceClientsController_remove: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminServiceClientsController_update: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateServiceClientDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ServiceClientDto'];
        };
      };
      /** @description `validation_failed` (with `details`): the body is refused; `invalid_json`, `json_too_deep`: the body is not usable JSON. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `name_taken` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminServiceClientControlsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ServiceClientControlsDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminServiceClientsController_createKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateServiceKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedServiceKeyDto'];
        };
      };
      /** @description `validation_failed` (with `details`): the body is refused; `invalid_json`, `json_too_deep`: the body is not usable JSON. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `too_many_keys`: two are active; revoke one first */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminServiceClientsController_revokeKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path: {
        id: string;
        keyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked: every instance refuses it within seconds. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found`: no such live key of this client */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminServiceClientControlsController_setKillSwitch: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['IssuanceStopInputDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ServiceClientControlsDto'];
        };
      };
      /** @description `validation_failed` (with `details`): the body is refused; `invalid_json`, `json_too_deep`: the body is not usable JSON. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminServiceClientControlsController_clearKillSwitch: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ServiceClientControlsDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found`: no such client, or its switch is off */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminServiceClientControlsController_setRateLimits: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetServiceRateLimitsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ServiceClientControlsDto'];
        };
      };
      /** @description `validation_failed` (with `details`): the body is refused; `invalid_json`, `json_too_deep`: the body is not usable JSON. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminUsersController_list: {
    parameters: {
      query?: {
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        limit?: number;
        order?: 'desc' | 'asc';
        /** @description Part of the email or the name (case-insensitive), or the exact Google `sub`. */
        q?: string;
        /** @description Sort by joining or by last sign-in (a user who never signed in sorts as newest). */
        sort?: 'created_at' | 'last_sign_in_at';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdminUserPageDto'];
        };
      };
      /** @description `validation_failed` (with `details`): a parameter is refused. `invalid_cursor`: the cursor is not ours. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminUsersController_detail: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdminUserDetailDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminUsersController_setRole: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetRoleDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserProfileDto'];
        };
      };
      /** @description `validation_failed` (with `details`): the body is refused; `invalid_json`, `json_too_deep`: the body is not usable JSON. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `last_admin`: the last admin cannot be demoted. `bootstrap_admin`: the admin is listed in ADMIN_EMAILS (sign-in would promote them again). */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminUsersController_revokeSession: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path: {
        id: string;
        sessionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The session is ended: that device must sign in again. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found`: no such user, or no live session of theirs with this id. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminUsersController_revokeSessions: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RevokedSessionsDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminOperationsController_vault: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VaultStatusDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AdminOperationsController_startRewrap: {
    parameters: {
      query?: never;
      header?: {
        /** @description `XmlHttpRequest`; required on writes made with the session cookie. */
        'X-Requested-With'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RewrapStartedDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ConsentRequestsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateConsentRequestDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConsentRequestDto'];
        };
      };
      /** @description `return_url_not_allowed`, `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `invalid_credentials` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `blocked_by_user`: the user blocked this service */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unknown_user` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `rate_limited` (with `limit`: `service` or `service-user`): over the client’s rate limit, or its limit for this user; wait for `Retry-After`. Every answer carries `RateLimit` and `RateLimit-Policy`. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ConsentRequestsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConsentRequestDto'];
        };
      };
      /** @description `credentials_in_query`: a key in the URL. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `invalid_credentials` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `insufficient_api_scope`, `address_not_allowed`, and the route’s own refusals */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `consent_request_not_found` (also another service’s) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `rate_limited` (with `limit`: `service` or `service-user`): over the client’s rate limit, or its limit for this user; wait for `Retry-After`. Every answer carries `RateLimit` and `RateLimit-Policy`. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  GrantLookupsController_list: {
    parameters: {
      query?: {
        /** @description The `next_cursor` of the previous page. */
        cursor?: string;
        limit?: number;
        /** @description Only grants with this scope (one this service is allowed). */
        scope?: string;
        status?: 'active' | 'revoked' | 'suspended';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ServiceGrantPageDto'];
        };
      };
      /** @description `validation_failed` (with `details`): a parameter is refused. `invalid_cursor`: the cursor is not ours; `credentials_in_query`: a key in the URL. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `invalid_credentials` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `insufficient_api_scope`, `address_not_allowed`, and the route’s own refusals */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `rate_limited` (with `limit`: `service` or `service-user`): over the client’s rate limit, or its limit for this user; wait for `Retry-After`. Every answer carries `RateLimit` and `RateLimit-Policy`. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  MeController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserProfileDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `certificates_unavailable`: a Bearer ID token could not be checked (Google's keys); retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  OAuthTokenController_token: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OAuthTokenRequestDto'];
        'application/x-www-form-urlencoded': components['schemas']['OAuthTokenRequestDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthTokenResponseDto'];
        };
      };
      /** @description `invalid_request`, `unsupported_grant_type`, `invalid_scope` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `invalid_client` (with `WWW-Authenticate`): the assertion is refused: unknown or suspended client, no registered keys, unknown `kid`, bad signature, an algorithm other than RS256, PS256, ES256 or EdDSA, wrong `iss`, `sub` or `aud`, expired, `exp` more than 5 minutes ahead, not yet valid, no `jti`, or a `jti` used already. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `address_not_allowed`: outside the client’s IP allowlist. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `rate_limited`: too many requests; wait for `Retry-After`. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  TokensController_issue: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['IssueTokenDto'];
      };
    };
    responses: {
      /** @description Sent with `Cache-Control: no-store`. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssuedTokenDto'];
        };
      };
      /** @description `validation_failed`: the body is malformed, or names the user by both or neither of `id` and `google_sub`; `credentials_in_query`: a key in the URL; `invalid_json`, `json_too_deep`: the body is not usable JSON. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `invalid_credentials` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `insufficient_api_scope`, `address_not_allowed`, and the route’s own refusals */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `no_grant` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `grant_revoked` (with `reason`, `since`), `grant_failing` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `rate_limited` (with `limit`: `service` or `service-user`): over the client’s rate limit, or its limit for this user; wait for `Retry-After`. Every answer carries `RateLimit` and `RateLimit-Policy`. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `upstream_unavailable`, with `Retry-After` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  GrantLookupsController_byUserId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ServiceGrantDto'];
        };
      };
      /** @description `credentials_in_query`: a key in the URL. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `invalid_credentials` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `insufficient_api_scope`, `address_not_allowed`, and the route’s own refusals */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `no_grant` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `rate_limited` (with `limit`: `service` or `service-user`): over the client’s rate limit, or its limit for this user; wait for `Retry-After`. Every answer carries `RateLimit` and `RateLimit-Policy`. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  GrantLookupsController_byGoogleSub: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sub: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ServiceGrantDto'];
        };
      };
      /** @description `credentials_in_query`: a key in the URL. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `invalid_credentials` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `insufficient_api_scope`, `address_not_allowed`, and the route’s own refusals */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `no_grant` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `rate_limited` (with `limit`: `service` or `service-user`): over the client’s rate limit, or its limit for this user; wait for `Retry-After`. Every answer carries `RateLimit` and `RateLimit-Policy`. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  GoogleRedirectController_start: {
    parameters: {
      query?: {
        /** @description An email address: Google's chooser skips to that account (signed-out visitors) */
        login_hint?: unknown;
        prompt?: 'consent';
        /** @description A local path; default /account */
        return_to?: unknown;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description To Google's authorization page. */
      302: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `malformed_request`: a line break in `return_to`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  GoogleRedirectController_callback: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description To the return path. */
      302: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `malformed_request`, `invalid_code`: the callback is not a usable answer. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `invalid_state`: missing, wrong, used or expired. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `account_mismatch`: Google answered for another account than the signed-in one. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `upstream_unavailable`: Google did not answer usably. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AuthController_signInWithIdToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['IdTokenSignInDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserProfileDto'];
        };
      };
      /** @description `validation_failed`, `csrf_token_missing`: the body or the `g_csrf_token` is missing; `invalid_json`, `json_too_deep`: the body is not usable JSON. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description The ID token is refused: `token_too_large`, `malformed`, `unsupported_algorithm`, `unknown_kid`, `bad_signature`, `wrong_issuer`, `wrong_audience`, `expired`, `not_yet_valid`, `lifetime_too_long`, `wrong_hosted_domain`, `missing_subject`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `cross_site_request`: a JSON post from another site (`Origin`, `Sec-Fetch-Site`); `csrf_token_mismatch`: the form post's `g_csrf_token` cookie and field differ; `forbidden`: the account is disabled here. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `rate_limited`: too many requests; wait for `Retry-After`. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `certificates_unavailable`: Google's signing keys could not be fetched; retry with the same token. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AuthController_signOut: {
    parameters: {
      query?: never;
      header: {
        /** @description Must be `XmlHttpRequest`. */
        'X-Requested-With': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `cross_site_request`: not sent by our own page (`X-Requested-With` and same-site `Origin`). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  HealthController_check: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Health Check is successful */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            };
            /** @example {} */
            error?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example ok
             * @enum {string}
             */
            status?: 'ok' | 'degraded';
          };
        };
      };
      /** @description The Health Check is not successful */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       },
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect",
             *         "responseTime": 3005
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            };
            /**
             * @example {
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect",
             *         "responseTime": 3005
             *       }
             *     }
             */
            error?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example error
             * @enum {string}
             */
            status?: 'error' | 'shutting_down';
          };
        };
      };
    };
  };
  OfflineAccessController_status: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GrantViewDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `grant_not_found`: offline access is off. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  OfflineAccessController_disconnect: {
    parameters: {
      query?: never;
      header: {
        /** @description Must be `XmlHttpRequest`. */
        'X-Requested-With': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GrantViewDto'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `cross_site_request`: not sent by our own page (`X-Requested-With` and same-site `Origin`). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `grant_not_found`: offline access is already off. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  OfflineAccessController_exchangeCode: {
    parameters: {
      query?: never;
      header: {
        /** @description Must be `XmlHttpRequest`. */
        'X-Requested-With': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ExchangeCodeDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GrantViewDto'];
        };
      };
      /** @description `validation_failed`, `invalid_code` (unknown, expired, replayed or not ours), `code_too_long`; `invalid_json`, `json_too_deep`: the body is not usable JSON. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `cross_site_request`: not sent by our own page (`X-Requested-With` and same-site `Origin`). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `account_mismatch`: the code is of another Google account; `consent_required`: Google sent no refresh token, ask again with `prompt=consent`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `rate_limited`: too many requests; wait for `Retry-After`. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `upstream_unavailable`: Google did not answer usably; retry after `Retry-After`. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  UserTasksController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserTaskDto'][];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  UserTasksController_configure: {
    parameters: {
      query?: never;
      header: {
        /** @description Must be `XmlHttpRequest`. */
        'X-Requested-With': string;
      };
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ConfigureTaskDto'];
      };
    };
    responses: {
      /** @description The task as it now is. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserTaskDto'];
        };
      };
      /** @description `validation_failed`, `invalid_task_settings`: the settings are refused; `invalid_json`, `json_too_deep`: the body is not usable JSON. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `authentication_required`, `session_invalid`: not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `cross_site_request`: not sent by our own page (`X-Requested-With` and same-site `Origin`). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `task_not_found`: no task of that name. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `scope_not_granted`: offline access lacks a scope the task needs; `grant_not_found`: offline access is off. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `payload_too_large`: the body is over 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `unsupported_media_type`: only JSON (and form posts where stated) are accepted. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  RiscController_receive: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Valid; handled, or a redelivery. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `invalid_security_event`, with the reason. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description `certificates_unavailable`: Google's keys. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
}
