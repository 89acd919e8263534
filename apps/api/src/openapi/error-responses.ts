import type { OpenAPIObject, OperationObject, SchemaObject } from '@nestjs/swagger';

/** Every error the api answers has this body (apps/api/src/http/error-body.ts). */
export const ERROR_RESPONSE_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'The body of every error answer.',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', description: 'The HTTP status, repeated.', example: 404 },
    error: {
      type: 'string',
      description:
        'A stable snake_case code a client can branch on; the response descriptions list them.',
      example: 'not_found',
    },
    message: {
      type: 'string',
      description: 'A sentence for people. Not stable: do not parse it.',
      example: 'No such user.',
    },
    details: {
      type: 'array',
      items: { type: 'string' },
      description: 'With `validation_failed` only: which fields were refused, and why.',
    },
  },
};

type ErrorTable = Record<string, Record<number, string>>;

const SIGNED_IN = { 401: '`authentication_required`, `session_invalid`: not signed in.' };
const OWN_PAGE = {
  403: '`cross_site_request`: not sent by our own page (`X-Requested-With` and same-site `Origin`).',
};
const RATE_LIMITED = { 429: '`rate_limited`: too many requests; wait for `Retry-After`.' };
const NOT_JSON = '`invalid_json`, `json_too_deep`: the body is not usable JSON.';
const BAD_BODY = {
  400: `\`validation_failed\` (with \`details\`): the body is refused; ${NOT_JSON}`,
  413: '`payload_too_large`: the body is over 64 KB.',
  415: '`unsupported_media_type`: only JSON (and form posts where stated) are accepted.',
};
const BAD_QUERY = { 400: '`validation_failed` (with `details`): a parameter is refused.' };

/**
 * The errors of the operations whose controllers do not declare them, by `METHOD path`: what
 * each can answer, with its stable codes. Admin operations declare theirs with decorators;
 * those get the schema below, and the generic 400 where they take input.
 * (error-responses.spec.ts fails when an operation is in neither.)
 */
const SERVICE_UNAUTHENTICATED =
  '`invalid_credentials`: no API key or access token, or one that is unknown, revoked or expired, or of a suspended client (with `WWW-Authenticate`).';
const SERVICE_RATE_LIMITED = {
  429: '`rate_limited` (with `limit`: `service` or `service-user`): over the client’s rate limit, or its limit for this user; wait for `Retry-After`. Every answer carries `RateLimit` and `RateLimit-Policy`.',
};
const SERVICE_GRANT_LOOKUP = {
  400: '`credentials_in_query`: a key in the URL.',
  401: SERVICE_UNAUTHENTICATED,
  403: '`insufficient_api_scope` (`grants:read`), `address_not_allowed`, `blocked_by_user`: the user blocked this service.',
  404: '`no_grant`: the user is unknown, has no grant, or none with a scope this service is allowed.',
  ...SERVICE_RATE_LIMITED,
};

const ACCOUNT_SERVICE_SWITCH = {
  ...SIGNED_IN,
  ...OWN_PAGE,
  404: '`not_found`: no such service.',
};
const ACCOUNT_SERVICE_ERRORS: ErrorTable = {
  'GET /account/services': SIGNED_IN,
  'PUT /account/services/{clientId}/block': ACCOUNT_SERVICE_SWITCH,
  'DELETE /account/services/{clientId}/block': ACCOUNT_SERVICE_SWITCH,
};

const CONSENT_REQUEST_ERRORS: ErrorTable = {
  'POST /api/v1/consent-requests': {
    ...BAD_BODY,
    400: `\`validation_failed\`: the body is malformed, or names the user by both or neither of \`id\` and \`google_sub\`; \`return_url_not_allowed\`: not at a registered return origin; \`credentials_in_query\`: a key in the URL; ${NOT_JSON}`,
    401: SERVICE_UNAUTHENTICATED,
    403: '`insufficient_api_scope` (`tokens:issue`), `address_not_allowed`, `scope_not_allowed`, `purpose_not_allowed`, `blocked_by_user`: the user blocked this service.',
    404: '`unknown_user`: no such user here.',
    ...SERVICE_RATE_LIMITED,
  },
  'GET /api/v1/consent-requests/{id}': {
    400: '`credentials_in_query`: a key in the URL.',
    401: SERVICE_UNAUTHENTICATED,
    403: '`insufficient_api_scope` (`tokens:issue`), `address_not_allowed`.',
    404: '`consent_request_not_found`: no such request of this service.',
    ...SERVICE_RATE_LIMITED,
  },
};

export const OPERATION_ERRORS: ErrorTable = {
  'POST /auth/google/id-token': {
    ...BAD_BODY,
    400: `\`validation_failed\`, \`csrf_token_missing\`: the body or the \`g_csrf_token\` is missing; ${NOT_JSON}`,
    401: 'The ID token is refused: `token_too_large`, `malformed`, `unsupported_algorithm`, `unknown_kid`, `bad_signature`, `wrong_issuer`, `wrong_audience`, `expired`, `not_yet_valid`, `lifetime_too_long`, `wrong_hosted_domain`, `missing_subject`.',
    403: "`cross_site_request`: a JSON post from another site (`Origin`, `Sec-Fetch-Site`); `csrf_token_mismatch`: the form post's `g_csrf_token` cookie and field differ; `forbidden`: the account is disabled here.",
    ...RATE_LIMITED,
    503: "`certificates_unavailable`: Google's signing keys could not be fetched; retry with the same token.",
  },
  'POST /auth/sign-out': OWN_PAGE,
  'POST /api/v1/tokens': {
    ...BAD_BODY,
    400: `\`validation_failed\`: the body is malformed, or names the user by both or neither of \`id\` and \`google_sub\`; \`credentials_in_query\`: a key in the URL; ${NOT_JSON}`,
    401: SERVICE_UNAUTHENTICATED,
    403: '`insufficient_api_scope`, `address_not_allowed`, `scope_not_allowed`, `purpose_not_allowed`, `blocked_by_user`: the user blocked this service, `insufficient_scope` (with `missing_scopes`, `consent_url`, `consent_request_id` and `WWW-Authenticate`), `issuance_stopped` (with `switch`: `client` or `scope`, `scope`, `reason`, `since`): an admin stopped issuance.',
    404: '`no_grant`: the user is unknown or has no offline grant.',
    409: '`grant_revoked` (with `reason` and `since`), `grant_failing` (with `reason`).',
    ...SERVICE_RATE_LIMITED,
    503: '`upstream_unavailable`: Google did not answer usably; retry after `Retry-After`.',
  },
  'POST /api/v1/oauth/token': {
    ...BAD_BODY,
    400: `\`invalid_request\`: a parameter is missing, repeated or in the URL, or a \`client_secret\` is sent too; \`unsupported_grant_type\`: not \`client_credentials\`; \`invalid_scope\` (with \`refused_scopes\`): an API scope this client's tokens may not carry; ${NOT_JSON}`,
    401: '`invalid_client` (with `WWW-Authenticate`): the assertion is refused: unknown or suspended client, no registered keys, unknown `kid`, bad signature, an algorithm other than RS256, PS256, ES256 or EdDSA, wrong `iss`, `sub` or `aud`, expired, `exp` more than 5 minutes ahead, not yet valid, no `jti`, or a `jti` used already.',
    403: '`address_not_allowed`: outside the client’s IP allowlist.',
    ...RATE_LIMITED,
  },
  ...CONSENT_REQUEST_ERRORS,
  'GET /api/v1/users/{id}/grant': SERVICE_GRANT_LOOKUP,
  'GET /api/v1/users/by-google-sub/{sub}/grant': SERVICE_GRANT_LOOKUP,
  'GET /api/v1/grants': {
    ...BAD_QUERY,
    400: `${BAD_QUERY[400]} \`invalid_cursor\`: the cursor is not ours; \`credentials_in_query\`: a key in the URL.`,
    401: SERVICE_UNAUTHENTICATED,
    403: '`insufficient_api_scope` (`grants:read`), `address_not_allowed`, `scope_not_allowed`: the `scope` is not one this service is allowed.',
    ...SERVICE_RATE_LIMITED,
  },
  'GET /api/v1/me': {
    401: '`authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …).',
    503: "`certificates_unavailable`: a Bearer ID token could not be checked (Google's keys); retry.",
  },
  'POST /offline-access/code': {
    ...BAD_BODY,
    400: `\`validation_failed\`, \`invalid_code\` (unknown, expired, replayed or not ours), \`code_too_long\`; ${NOT_JSON}`,
    ...SIGNED_IN,
    ...OWN_PAGE,
    409: '`account_mismatch`: the code is of another Google account; `consent_required`: Google sent no refresh token, ask again with `prompt=consent`.',
    ...RATE_LIMITED,
    503: '`upstream_unavailable`: Google did not answer usably; retry after `Retry-After`.',
  },
  'GET /offline-access': { ...SIGNED_IN, 404: '`grant_not_found`: offline access is off.' },
  'DELETE /offline-access': {
    ...SIGNED_IN,
    ...OWN_PAGE,
    404: '`grant_not_found`: offline access is already off.',
  },
  'GET /auth/google': { 400: '`malformed_request`: a line break in `return_to`.' },
  'GET /auth/google/callback': {
    400: '`malformed_request`, `invalid_code`: the callback is not a usable answer.',
    409: '`account_mismatch`: Google answered for another account than the signed-in one.',
    503: '`upstream_unavailable`: Google did not answer usably.',
  },
  'GET /offline-access/tasks': SIGNED_IN,
  'PUT /offline-access/tasks/{name}': {
    ...BAD_BODY,
    400: `\`validation_failed\`, \`invalid_task_settings\`: the settings are refused; ${NOT_JSON}`,
    ...SIGNED_IN,
    ...OWN_PAGE,
    404: '`task_not_found`: no task of that name.',
    409: '`scope_not_granted`: offline access lacks a scope the task needs; `grant_not_found`: offline access is off.',
  },
  ...ACCOUNT_SERVICE_ERRORS,
  'POST /api/admin/grants/revoke-bulk': {
    400: `\`validation_failed\`: the body is refused; \`empty_filter\`: the filter has no criterion; ${NOT_JSON}`,
  },
  'POST /risc/events': {},
  'GET /health': {},
};

/**
 * Gives every error response of `document` the error body's schema, adds the errors of
 * OPERATION_ERRORS, and a 400 to operations that take a body or parameters and declare none.
 */
export function documentErrorResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.ErrorResponse = ERROR_RESPONSE_SCHEMA;
  const errorContent = {
    'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) continue;
      const declared = OPERATION_ERRORS[`${method.toUpperCase()} ${path}`] ?? {};
      const takesInput =
        operation.requestBody !== undefined ||
        (operation.parameters ?? []).some((p) => 'in' in p && p.in === 'query');
      const generic: Record<number, string> = !takesInput
        ? {}
        : operation.requestBody
          ? BAD_BODY
          : BAD_QUERY;
      const paged = (operation.parameters ?? []).some((p) => 'name' in p && p.name === 'cursor');
      const cursor: Record<number, string> = paged
        ? { 400: `${BAD_QUERY[400]} \`invalid_cursor\`: the cursor is not ours.` }
        : {};
      const extra: Record<number, string> = { ...generic, ...cursor, ...declared };
      for (const [status, description] of Object.entries(extra)) {
        operation.responses[status] ??= { description };
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400 || !response || '$ref' in response) continue;
        response.content ??= errorContent;
      }
    }
  }
  return document;
}
