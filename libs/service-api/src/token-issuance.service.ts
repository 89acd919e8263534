import { Injectable } from '@nestjs/common';
import type { AuditRequestContext } from '@grantkeeper/audit';
import { isUuid } from '@grantkeeper/database';
import { UsersService } from '@grantkeeper/identity';
import {
  AccessTokenBroker,
  type BrokeredAccessToken,
  type GrantEntity,
  GrantsService,
  missingScopes,
  OfflineAccessError,
} from '@grantkeeper/offline-access';
import { ConsentRequestsService } from './consent-requests.service.js';
import { type DisclosureInput, DisclosuresService } from './disclosures.service.js';
import { IssuanceControls } from './issuance-controls.js';
import type { ServicePrincipal, UserReference } from './service-client.js';
import { ServiceApiError } from './service-api.errors.js';
import { assertAllowedRequest } from './service-request-checks.js';
import { blockedByUser, UserServiceBlocksService } from './user-service-blocks.service.js';

export interface TokenRequest {
  readonly user: UserReference;
  readonly scopes: readonly string[];
  readonly purpose: string;
  readonly purposeDetail?: string;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresAt: Date;
  readonly scopes: readonly string[];
  readonly grant: {
    readonly id: string;
    readonly status: string;
    readonly grantedScopes: string[];
  };
  readonly disclosureId: string;
}

/**
 * A Google access token for a service, for one user, for scopes and a purpose the service is
 * allowed: served by the broker (its cached token while enough life is left, else one refresh
 * shared across instances), and recorded as a disclosure, given or refused, before the answer.
 */
@Injectable()
export class TokenIssuanceService {
  constructor(
    private readonly broker: AccessTokenBroker,
    private readonly grants: GrantsService,
    private readonly users: UsersService,
    private readonly disclosures: DisclosuresService,
    private readonly controls: IssuanceControls,
    private readonly blocks: UserServiceBlocksService,
    private readonly consent: ConsentRequestsService,
  ) {}

  async issue(
    service: ServicePrincipal,
    request: TokenRequest,
    context: AuditRequestContext,
  ): Promise<IssuedToken> {
    const base = {
      clientId: service.client.id,
      keyId: service.keyId,
      credentialKind: service.credentialKind,
      scopes: request.scopes,
      purpose: request.purpose,
      purposeDetail: request.purposeDetail ?? null,
      context,
    };
    const { user, token } = await this.brokeredToken(service, request, context, base);
    // The block is decided in the statement that writes the disclosure (given or refused).
    const disclosure = await this.disclosures.recordIssuance({
      ...base,
      userId: user,
      grantId: token.grantId,
      outcome: { issued: token.accessToken },
    });
    if (disclosure.blocked) throw blockedByUser();
    return {
      accessToken: token.accessToken,
      expiresAt: token.expiresAt,
      scopes: token.scopes,
      grant: { id: token.grantId, status: 'active', grantedScopes: [...token.scopes] },
      disclosureId: disclosure.id,
    };
  }

  /** The user's token from the broker, or the refusal, on the record before it is thrown. */
  private async brokeredToken(
    service: ServicePrincipal,
    request: TokenRequest,
    context: AuditRequestContext,
    base: Omit<DisclosureInput, 'userId' | 'grantId' | 'outcome'>,
  ): Promise<{ user: string; token: BrokeredAccessToken }> {
    let userId: string | null = null;
    let grantId: string | null = null;
    try {
      assertAllowedRequest(service, request.scopes, request.purpose);
      const user = await this.referencedUser(request.user);
      userId = user;
      await this.controls.assertIssuanceAllowed(service.client.id, request.scopes);
      const token = await this.broker
        .accessTokenFor(user, request.scopes)
        .catch(async (error: unknown) => {
          if (!(error instanceof OfflineAccessError)) throw error;
          // Only a refusal asks who the user is: one named by our id is not read first (the
          // broker's read of their grant finds them or not).
          if (error.code === 'grant_not_found' && !(await this.users.findById(user))) {
            userId = null;
            throw noGrant({ cause: error });
          }
          // The user's block outranks what their grant says; the grant, read once, says why.
          await this.blocks.assertNotBlocked(user, service.client.id);
          const grant = await this.grants.forUser(user);
          grantId = grant?.id ?? null;
          throw await this.consent.withConsentLink(
            refusalOf(error, grant, request.scopes),
            service,
            user,
            request.purpose,
            context,
          );
        });
      return { user, token };
    } catch (error) {
      if (error instanceof ServiceApiError) {
        await this.disclosures.record({
          ...base,
          userId,
          grantId,
          outcome: { refused: error.code },
        });
      }
      throw error;
    }
  }

  /** Our id of the user a request names: read only for a Google `sub`. */
  private async referencedUser(user: UserReference): Promise<string> {
    if ('id' in user) {
      if (!isUuid(user.id)) throw noGrant();
      return user.id.toLowerCase();
    }
    const found = await this.users.findByGoogleSub(user.googleSub);
    if (!found) throw noGrant();
    return found.id;
  }
}

/** The broker's refusal in the service API's codes, with what the user's grant says of it. */
function refusalOf(
  error: OfflineAccessError,
  grant: GrantEntity | null,
  scopes: readonly string[],
): Error {
  const cause = { cause: error };
  switch (error.code) {
    case 'grant_not_found':
      return noGrant(cause);
    case 'grant_revoked':
      return new ServiceApiError('grant_revoked', 'The user’s grant was revoked.', {
        ...cause,
        fields: {
          reason: grant?.revocationReason ?? null,
          since: grant?.revokedAt?.toISOString() ?? null,
        },
      });
    case 'scope_not_granted': {
      const missing = missingScopes(grant?.scopes ?? [], scopes);
      return new ServiceApiError(
        'insufficient_scope',
        'The user has not granted every scope asked for.',
        {
          ...cause,
          fields: { missing_scopes: missing },
          // RFC 6750 §3.1: the scope the request needs and lacks.
          headers: {
            'www-authenticate': `Bearer error="insufficient_scope", scope="${missing.join(' ')}"`,
          },
        },
      );
    }
    case 'upstream_unavailable':
      return new ServiceApiError('upstream_unavailable', 'Google did not answer; retry later.', {
        ...cause,
        retryAfterSeconds: error.retryAfterSeconds ?? 5,
      });
    // Suspended by Google (RISC), re-authentication needed, outside the hosted domain.
    case 'grant_suspended':
    case 'reauth_required':
    case 'wrong_hosted_domain':
      return new ServiceApiError('grant_failing', 'The user’s grant cannot give tokens now.', {
        ...cause,
        fields: { reason: error.code },
      });
    // The consent flows' own refusals: the broker never raises them.
    case 'account_mismatch':
    case 'code_too_long':
    case 'consent_required':
    case 'invalid_code':
    case 'invalid_state':
    case 'malformed_request':
      return error;
  }
}

function noGrant(options?: { cause?: unknown }): ServiceApiError {
  return new ServiceApiError(
    'no_grant',
    'The user has no offline grant for this product.',
    options,
  );
}
