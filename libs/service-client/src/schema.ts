// Generated from the api's OpenAPI document by `npm run service-client:types`; do not edit.
// apps/api/src/openapi/service-client-types.spec.ts fails when this file is stale.
/* eslint-disable */
export interface paths {
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
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
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
    UserReferenceDto: {
      /** @description The user’s Google account id (`sub`). */
      google_sub?: string;
      /**
       * Format: uuid
       * @description The user’s id here.
       */
      id?: string;
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
}
