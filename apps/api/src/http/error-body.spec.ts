import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { describe, expect, it } from 'vitest';
import { ADMIN_ERROR_STATUS, AdminError } from '@grantkeeper/admin';
import { DATABASE_QUERY_ERROR_STATUS, DatabaseQueryError } from '@grantkeeper/database';
import type { AppError, StatusTable } from '@grantkeeper/errors';
import {
  AUTH_ERROR_STATUS,
  AuthError,
  ID_TOKEN_ERROR_STATUS,
  IdTokenError,
} from '@grantkeeper/identity';
import { OFFLINE_ACCESS_ERROR_STATUS, OfflineAccessError } from '@grantkeeper/offline-access';
import { RISC_ERROR_STATUS, RiscError } from '@grantkeeper/risc';
import { SCHEDULER_ERROR_STATUS, SchedulerError } from '@grantkeeper/scheduler';
import {
  OAUTH_TOKEN_ERROR_STATUS,
  OAuthTokenError,
  SERVICE_API_ERROR_STATUS,
  ServiceApiError,
} from '@grantkeeper/service-api';
import { VAULT_ERROR_STATUS, VaultError } from '@grantkeeper/vault';
import { toErrorBody } from './error-body.js';

/**
 * The HTTP contract, written out: each module's codes and the status clients rely on. A change
 * to a module's table that is not also made here fails, on purpose.
 */
const CONTRACT: Record<string, Record<string, number>> = {
  identity: {
    authentication_required: 401,
    session_invalid: 401,
    wrong_hosted_domain: 401,
    csrf_token_missing: 400,
    csrf_token_mismatch: 403,
    cross_site_request: 403,
    forbidden: 403,
    consent_required: 409,
  },
  'id-token': {
    token_too_large: 401,
    malformed: 401,
    unsupported_algorithm: 401,
    unknown_kid: 401,
    bad_signature: 401,
    wrong_issuer: 401,
    wrong_audience: 401,
    azp_mismatch: 401,
    service_account_not_allowed: 401,
    expired: 401,
    not_yet_valid: 401,
    lifetime_too_long: 401,
    wrong_hosted_domain: 401,
    missing_subject: 401,
    certificates_unavailable: 503,
  },
  'offline-access': {
    invalid_code: 400,
    code_too_long: 400,
    malformed_request: 400,
    invalid_state: 403,
    grant_suspended: 403,
    reauth_required: 403,
    wrong_hosted_domain: 403,
    grant_not_found: 404,
    account_mismatch: 409,
    consent_required: 409,
    scope_not_granted: 409,
    grant_revoked: 410,
    upstream_unavailable: 503,
  },
  risc: { invalid_security_event: 400, certificates_unavailable: 503 },
  admin: {
    not_found: 404,
    empty_filter: 400,
    already_revoked: 409,
    last_admin: 409,
    bootstrap_admin: 409,
  },
  scheduler: {
    task_not_found: 404,
    job_not_found: 404,
    invalid_task_settings: 400,
    job_not_failed: 409,
    job_already_queued: 409,
  },
  // A keyset cursor the API did not hand out, on any list (libs/database builds them all).
  database: { invalid_cursor: 400 },
  'service-api': {
    invalid_credentials: 401,
    credentials_in_query: 400,
    address_not_allowed: 403,
    insufficient_api_scope: 403,
    scope_not_allowed: 403,
    purpose_not_allowed: 403,
    blocked_by_user: 403,
    insufficient_scope: 403,
    issuance_stopped: 403,
    rate_limited: 429,
    no_grant: 404,
    grant_revoked: 409,
    grant_failing: 409,
    upstream_unavailable: 503,
    not_found: 404,
    name_taken: 409,
    too_many_keys: 409,
    // Consent requests (incremental authorization) and the clients' return origins.
    invalid_return_origin: 400,
    return_url_not_allowed: 400,
    unknown_user: 404,
    consent_request_not_found: 404,
    consent_wrong_user: 403,
    consent_request_closed: 409,
  },
  // RFC 6749 §5.2's codes, at POST /api/v1/oauth/token.
  'oauth-token': {
    invalid_client: 401,
    invalid_request: 400,
    unsupported_grant_type: 400,
    invalid_scope: 400,
  },
  vault: {
    integrity_failure: 500,
    envelope_not_found: 500,
    unknown_key_version: 500,
    key_check_failed: 500,
    invalid_keyring: 500,
    invalid_binding: 500,
  },
};

interface ModuleErrors {
  readonly table: StatusTable<string>;
  readonly make: (code: string) => AppError;
}

const MODULES: Record<string, ModuleErrors> = {
  identity: {
    table: AUTH_ERROR_STATUS,
    make: (code) => new AuthError(code as never, 'Refused.'),
  },
  'id-token': {
    table: ID_TOKEN_ERROR_STATUS,
    make: (code) => new IdTokenError(code as never, 'Refused.'),
  },
  'offline-access': {
    table: OFFLINE_ACCESS_ERROR_STATUS,
    make: (code) => new OfflineAccessError(code as never, 'Refused.'),
  },
  risc: { table: RISC_ERROR_STATUS, make: (code) => new RiscError(code as never, 'Refused.') },
  admin: { table: ADMIN_ERROR_STATUS, make: (code) => new AdminError(code as never, 'Refused.') },
  scheduler: {
    table: SCHEDULER_ERROR_STATUS,
    make: (code) => new SchedulerError(code as never, 'Refused.'),
  },
  database: {
    table: DATABASE_QUERY_ERROR_STATUS,
    make: (code) => new DatabaseQueryError(code as never, 'Refused.'),
  },
  'service-api': {
    table: SERVICE_API_ERROR_STATUS,
    make: (code) => new ServiceApiError(code as never, 'Refused.'),
  },
  'oauth-token': {
    table: OAUTH_TOKEN_ERROR_STATUS,
    make: (code) => new OAuthTokenError(code as never, 'Refused.'),
  },
  vault: { table: VAULT_ERROR_STATUS, make: (code) => new VaultError(code as never, 'Refused.') },
};

const SERVER_FAULT = {
  statusCode: 500,
  error: 'internal_error',
  message: expect.any(String) as string,
};

describe(toErrorBody.name, () => {
  describe('module errors', () => {
    it.each(Object.keys(CONTRACT))('gives %s the statuses of the HTTP contract', (name) => {
      expect({ ...MODULES[name].table }).toEqual(CONTRACT[name]);
    });

    it.each(Object.keys(MODULES))(
      'answers every %s code with its status, its code and its message',
      (name) => {
        const { table, make } = MODULES[name];
        for (const [code, status] of Object.entries(table)) {
          const answer = toErrorBody(make(code));
          if (status === 500) expect(answer).toEqual(SERVER_FAULT);
          else
            expect(answer).toMatchObject({ statusCode: status, error: code, message: 'Refused.' });
        }
      },
    );

    it('sends Retry-After only where a module asks for it', () => {
      const retryAfter = (error: AppError) => toErrorBody(error).retryAfterSeconds;
      expect(retryAfter(new OfflineAccessError('upstream_unavailable', 'Later.'))).toBe(5);
      expect(
        retryAfter(
          new OfflineAccessError('upstream_unavailable', 'Later.', { retryAfterSeconds: 30 }),
        ),
      ).toBe(30);
      expect(
        retryAfter(new OfflineAccessError('grant_revoked', 'Gone.', { retryAfterSeconds: 30 })),
      ).toBeUndefined();
      expect(retryAfter(new RiscError('certificates_unavailable', 'Later.'))).toBe(5);
      expect(retryAfter(new RiscError('invalid_security_event', 'No.'))).toBeUndefined();
      expect(retryAfter(new IdTokenError('certificates_unavailable', 'Later.'))).toBeUndefined();
      expect('retryAfterSeconds' in toErrorBody(new AdminError('not_found', 'No.'))).toBe(false);
    });
  });

  it('answers the throttler with 429 rate_limited', () => {
    expect(toErrorBody(new ThrottlerException())).toMatchObject({
      statusCode: 429,
      error: 'rate_limited',
    });
  });

  it("answers Fastify's own refusals with their stable codes", () => {
    const tooLarge = Object.assign(new Error('too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toErrorBody(tooLarge)).toMatchObject({ statusCode: 413, error: 'payload_too_large' });
    const wrapped = new HttpException('Bad Request', 400, {
      cause: Object.assign(new Error('bad'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY' }),
    });
    expect(toErrorBody(wrapped)).toMatchObject({ statusCode: 400, error: 'invalid_json' });
  });

  it('keeps the validation details and a snake_case code of other HTTP exceptions', () => {
    const invalid = new HttpException({ message: ['code must be a string'] }, 400);
    expect(toErrorBody(invalid)).toEqual({
      statusCode: 400,
      error: 'validation_failed',
      message: 'The request is invalid.',
      details: ['code must be a string'],
    });
    expect(toErrorBody(new HttpException('Nope', 404))).toMatchObject({
      statusCode: 404,
      error: 'not_found',
    });
  });

  it('answers anything else with a bare 500', () => {
    expect(toErrorBody(new Error('secret detail'))).toEqual(SERVER_FAULT);
    expect(toErrorBody('thrown string')).toEqual(SERVER_FAULT);
  });
});
