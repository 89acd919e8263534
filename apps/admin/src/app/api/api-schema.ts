// Generated from the api's OpenAPI document by `npm run admin:api-types`; do not edit.
// apps/api/src/openapi/admin-api-types.spec.ts fails when this file is stale.
/* eslint-disable */
export interface paths {
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
  '/api/admin/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Search users (email prefix, name substring, exact sub) */
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
    AdminGrantDetailDto: {
      grant: components['schemas']['AdminGrantDto'];
      /** @description Events of this grant, newest first. */
      timeline: components['schemas']['AuditEventDto'][];
    };
    AdminGrantDto: {
      /** Format: date-time */
      createdAt: string;
      email: string | null;
      failureCount: number;
      healthFlags: string[];
      /** Format: uuid */
      id: string;
      lastRefreshedAt: string | null;
      lastUsedAt: string | null;
      /** @description Since when Google wants the user to sign in again (`invalid_rapt`). */
      reauthRequiredAt: string | null;
      /** @description When Google ends the refresh token (`refresh_token_expires_in`), if it said. */
      refreshTokenExpiresAt: string | null;
      revocationReason: string | null;
      revokedAt: string | null;
      /** @description `admin:<id>`, `user:<id>`, … */
      revokedBy: string | null;
      scopes: string[];
      /** @enum {string} */
      status: 'active' | 'revoked' | 'suspended';
      /** Format: uuid */
      userId: string;
    };
    AdminGrantPageDto: {
      items: components['schemas']['AdminGrantDto'][];
      nextCursor: string | null;
    };
    AdminSessionDto: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      ip: string | null;
      /** Format: date-time */
      lastSeenAt: string;
      userAgent: string | null;
    };
    AdminUserDetailDto: {
      grant: components['schemas']['GrantViewDto'];
      /** Format: uuid */
      grantId: string | null;
      profile: components['schemas']['UserProfileDto'];
      /** @description The 20 newest events about the user. */
      recentAudit: components['schemas']['AuditEventDto'][];
      sessions: components['schemas']['AdminSessionDto'][];
      tasks: components['schemas']['AdminUserTaskDto'][];
    };
    AdminUserDto: {
      /** Format: date-time */
      createdAt: string;
      email: string | null;
      /** @enum {string} */
      grantStatus: 'none' | 'active' | 'revoked' | 'suspended';
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      lastSignInAt: string | null;
      name: string | null;
      /** @enum {string} */
      role: 'user' | 'admin';
      /** @description Google's account id. */
      sub: string;
    };
    AdminUserPageDto: {
      items: components['schemas']['AdminUserDto'][];
      nextCursor: string | null;
    };
    AdminUserTaskDto: {
      consecutiveFailures: number;
      enabled: boolean;
      lastError: string | null;
      lastRunAt: string | null;
      name: string;
      nextRunAt: string | null;
      pausedReason: string | null;
      scopes: string[];
      /** @enum {string} */
      state: 'active' | 'paused';
      title: string;
    };
    AuditEventDto: {
      action: string;
      actorId: string | null;
      /** @enum {string} */
      actorKind: 'user' | 'admin' | 'service' | 'system' | 'google' | 'anonymous';
      details: {
        [key: string]: unknown;
      };
      /** Format: uuid */
      grantId: string | null;
      /** @description Increasing identity, as a string. */
      id: string;
      ip: string | null;
      /** Format: date-time */
      occurredAt: string;
      requestId: string | null;
      /** Format: uuid */
      subjectUserId: string | null;
      userAgent: string | null;
    };
    AuditEventPageDto: {
      items: components['schemas']['AuditEventDto'][];
      nextCursor: string | null;
    };
    BulkRevokeDto: {
      /** @description Only count the grants that would be revoked. */
      dryRun: boolean;
      /** @description At least one criterion; revoked ones skip. */
      filter: components['schemas']['GrantFilterDto'];
      reason: string;
    };
    BulkRevokeResultDto: {
      /** @description Dry run: live grants matching the filter. */
      count?: number;
      /** @description Grants revoked. */
      revoked?: number;
    };
    ConfigureTaskDto: {
      enabled: boolean;
      /** @description The task’s settings, e.g. `{ "categories": ["science"] }` for news-digest. */
      settings?: {
        [key: string]: unknown;
      };
    };
    ExchangeCodeDto: {
      /** @description The `code` from google.accounts.oauth2.initCodeClient. */
      code: string;
    };
    FailedJobDto: {
      /** Format: date-time */
      completedOn: string | null;
      /** Format: date-time */
      createdOn: string;
      /** @description The last failure's message. */
      error: string | null;
      /** Format: uuid */
      id: string;
      /** @description The job's name (pg-boss names a job after its queue). */
      name: string;
      /** @description The queue the job belongs to. */
      queue: string;
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
      /** Format: date-time */
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
      /** @enum {string} */
      flag?: 'testing_mode_expiry' | 'idle_near_expiry' | 'refresh_token_churn' | 'reauth_required';
      /**
       * Format: date-time
       * @description Not used since (a never-used grant counts from its creation).
       */
      lastUsedBefore?: string;
      /** @description A granted scope (full URL). */
      scope?: string;
      /** @enum {string} */
      status?: 'active' | 'revoked' | 'suspended';
    };
    GrantStatusDayDto: {
      /** @description Live and not suspended at the end of the day. */
      active: number;
      /** @example 2026-12-01 */
      date: string;
      revoked: number;
      suspended: number;
    };
    GrantViewDto: {
      /** Format: date-time */
      createdAt?: string;
      /** Format: date-time */
      lastRefreshedAt?: Record<string, never> | null;
      /** Format: date-time */
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
      /** Format: date-time */
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
    JobsOverviewDto: {
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
    OverviewDto: {
      days: number;
      /** @description This instance's view of Google. */
      googleClient: components['schemas']['GoogleClientStateDto'];
      grantsByStatus: components['schemas']['GrantStatusDayDto'][];
      refreshOutcomes: components['schemas']['RefreshOutcomeDayDto'][];
      /** @description Successful sign-ins per day. */
      signIns: components['schemas']['SignInDayDto'][];
      /** @description Users' tasks by state (`active`, `paused`, `disabled`), now. */
      tasksByState: {
        [key: string]: number;
      };
    };
    QueueStatsDto: {
      active: number;
      /** @description False when this instance runs no job queue (SCHEDULER_ENABLED). */
      available: boolean;
      deferred: number;
      failed: number;
      name: string;
      queued: number;
      total: number;
    };
    RefreshOutcomeDayDto: {
      /** @example 2026-12-01 */
      date: string;
      failed: number;
      succeeded: number;
    };
    RetriedJobDto: {
      /** @enum {boolean} */
      retried: true;
    };
    RevokedGrantDto: {
      /** Format: date-time */
      createdAt?: string;
      /** Format: uuid */
      id?: string;
      /** Format: date-time */
      lastRefreshedAt?: Record<string, never> | null;
      /** Format: date-time */
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
      /** Format: date-time */
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
      /** Format: date-time */
      finishedAt: string;
      /** @description Envelopes left on older key versions when it finished. */
      remaining: number;
      rewrapped: number;
    };
    RewrapStartedDto: {
      /** @description False when a re-wrap was already queued or running. */
      queued: boolean;
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
    SetRoleDto: {
      /** @enum {string} */
      role: 'user' | 'admin';
    };
    SignInDayDto: {
      count: number;
      /** @example 2026-12-01 */
      date: string;
    };
    TaskRunDto: {
      attempt: number;
      error: string | null;
      /** Format: date-time */
      finishedAt: string;
      id: string;
      outcome: string;
      /** Format: date-time */
      startedAt: string;
      taskName: string;
      /** Format: uuid */
      userId: string;
    };
    UserProfileDto: {
      /** Format: date-time */
      createdAt: string;
      email: string | null;
      emailVerified: boolean;
      familyName: string | null;
      givenName: string | null;
      /** @description Google Workspace domain. */
      hd: string | null;
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      lastSignInAt: string | null;
      name: string | null;
      picture: string | null;
      /** @enum {string} */
      role: 'user' | 'admin';
      /** @description Google's stable account id (`sub`). */
      sub: string;
    };
    VaultStatusDto: {
      activeVersion: number;
      /**
       * Format: date-time
       * @description When the envelopes were counted: an instance reuses its counts for up to 10 s.
       */
      countedAt: string;
      /** @description Encryptions allowed per key version: 2^32 (NIST SP 800-38D). */
      encryptionLimit: number;
      rewrap: components['schemas']['RewrapStatusDto'];
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
        flag?:
          'testing_mode_expiry' | 'idle_near_expiry' | 'refresh_token_churn' | 'reauth_required';
        /** @description Not used since (a never-used grant counts from its creation). */
        lastUsedBefore?: string;
        limit?: number;
        order?: 'desc' | 'asc';
        /** @description A granted scope (full URL). */
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `already_revoked` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `job_not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `job_not_failed`, `job_already_queued` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminUsersController_list: {
    parameters: {
      query?: {
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        limit?: number;
        /** @description Email prefix, name substring or exact Google `sub` (case-insensitive). */
        q?: string;
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `last_admin`: the last admin cannot be demoted. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description Not signed in. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not an admin, or a cross-site write. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description `invalid_state`: missing, wrong, used or expired. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
    };
  };
  AuthController_signOut: {
    parameters: {
      query?: never;
      header?: never;
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
        content?: never;
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
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
        content?: never;
      };
      /** @description `certificates_unavailable`: Google's keys. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
