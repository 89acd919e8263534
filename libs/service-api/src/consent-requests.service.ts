import { Injectable } from '@nestjs/common';
import { type AuditRequestContext, AuditService } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import { isUuid } from '@grantkeeper/database';
import { UsersService } from '@grantkeeper/identity';
import { missingScopes, normaliseScopes } from '@grantkeeper/offline-access';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CONSENT_REQUEST_LIFETIME_DAYS,
  type ConsentRequest,
  type ConsentRequestPage,
  type ConsentRequestStatus,
} from './consent-request.js';
import { matchesReturnOrigin } from './return-origins.js';
import { UserServiceBlocksService } from './user-service-blocks.service.js';
import type { ServicePrincipal, ServicePurpose, UserReference } from './service-client.js';
import { ServiceApiError } from './service-api.errors.js';
import { assertAllowedRequest, userIdOf } from './service-request-checks.js';

export interface NewConsentRequest {
  readonly user: UserReference;
  readonly scopes: readonly string[];
  readonly purpose: string;
  readonly returnUrl?: string;
}

interface Row {
  id: string;
  client_id: string;
  user_id: string;
  scopes: string[];
  purpose: string;
  return_url: string | null;
  status: ConsentRequestStatus;
  created_at: Date;
  expires_at: Date;
  completed_at: Date | null;
  granted_scopes: string[] | null;
}

// A pending request past its expiry reads as expired: the row is brought in line lazily.
const STATUS = `CASE WHEN status = 'pending' AND expires_at <= now() THEN 'expired' ELSE status END`;
const COLUMNS = `id, client_id, user_id, scopes, purpose, return_url, ${STATUS} AS status,
  created_at, expires_at, completed_at, granted_scopes`;

/**
 * Consent requests (incremental authorization): a service asks, the user answers on
 * `/consent/:id` and at Google. One pending request per client, user, scope set and purpose:
 * asking again returns the same link (with a fresh week). Created, completed and declined
 * requests are on the audit log.
 */
@Injectable()
export class ConsentRequestsService {
  private readonly publicUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly blocks: UserServiceBlocksService,
    config: ConfigService,
  ) {
    this.publicUrl = config.get('publicUrl');
  }

  /** The page a request's user opens. */
  urlOf(id: string): string {
    return `${this.publicUrl}/consent/${id}`;
  }

  /** `POST /api/v1/consent-requests`: checked as a token request is, then opened or reused. */
  async create(
    service: ServicePrincipal,
    input: NewConsentRequest,
    context: AuditRequestContext,
  ): Promise<ConsentRequest> {
    assertAllowedRequest(service, input.scopes, input.purpose);
    if (
      input.returnUrl !== undefined &&
      !matchesReturnOrigin(input.returnUrl, service.client.returnOrigins)
    ) {
      throw new ServiceApiError(
        'return_url_not_allowed',
        'return_url must be at one of this service’s registered return origins.',
      );
    }
    const userId = await this.userIdOf(input.user);
    // A consent link does not lift a block: the user said no to this service on /account.
    await this.blocks.assertNotBlocked(userId, service.client.id);
    return this.open(
      service,
      userId,
      input.scopes,
      input.purpose,
      input.returnUrl ?? null,
      context,
    );
  }

  /**
   * `insufficient_scope` with a consent link: the pending request for the missing scopes (new
   * or reused) as `consent_url` and `consent_request_id`. Other errors pass unchanged.
   */
  async withConsentLink(
    error: Error,
    service: ServicePrincipal,
    userId: string,
    purpose: string,
    context: AuditRequestContext,
  ): Promise<Error> {
    if (!(error instanceof ServiceApiError) || error.code !== 'insufficient_scope') return error;
    const missing = (error.fields?.missing_scopes ?? []) as string[];
    if (missing.length === 0) return error;
    const request = await this.open(service, userId, missing, purpose, null, context);
    return new ServiceApiError(error.code, error.message, {
      cause: error.cause,
      headers: error.headers,
      fields: {
        ...error.fields,
        consent_url: this.urlOf(request.id),
        consent_request_id: request.id,
      },
    });
  }

  /** One of the service's own requests; another client's is answered as unknown. */
  async get(service: ServicePrincipal, id: string): Promise<ConsentRequest> {
    const row = isUuid(id) ? await this.row(id) : undefined;
    if (!row || row.client_id !== service.client.id) throw notFound();
    return requestOf(row);
  }

  /** A request with its service's name, team and feature, for its page. */
  async page(id: string): Promise<ConsentRequestPage> {
    const row = isUuid(id) ? await this.row(id) : undefined;
    if (!row) throw notFound();
    const [client] = await this.dataSource.query<
      Array<{ name: string; team: string; purposes: ServicePurpose[] }>
    >(`SELECT name, team, purposes FROM service_clients WHERE id = $1`, [row.client_id]);
    if (!client) throw notFound();
    const purpose = client.purposes.find((p) => p.id === row.purpose);
    return {
      request: requestOf(row),
      service: { name: client.name, team: client.team },
      feature: purpose?.feature ?? row.purpose,
    };
  }

  /** The signed-in user says "Not now". */
  async decline(id: string, userId: string, context: AuditRequestContext): Promise<ConsentRequest> {
    return this.close(id, userId, context, 'declined', null);
  }

  /**
   * Back from Google: the request is completed with the scopes the grant now has. A user who
   * unticked some at Google completed it partially: `granted_scopes` says what they gave, the
   * rest stays missing, and the service's next token request gets a new pending request for
   * it. Keeping this one pending instead would put the same ask back in front of a user who
   * just answered it.
   */
  async complete(
    id: string,
    userId: string,
    grantScopes: readonly string[],
    context: AuditRequestContext,
  ): Promise<ConsentRequest> {
    return this.close(id, userId, context, 'completed', grantScopes);
  }

  /** The request for the signed-in user, pending, or why it cannot be acted on. */
  async pendingFor(id: string, userId: string): Promise<ConsentRequest> {
    const row = isUuid(id) ? await this.row(id) : undefined;
    if (!row) throw notFound();
    if (row.user_id !== userId) throw wrongUser();
    if (row.status !== 'pending') throw closed(row.status);
    return requestOf(row);
  }

  private async open(
    service: ServicePrincipal,
    userId: string,
    scopes: readonly string[],
    purpose: string,
    returnUrl: string | null,
    context: AuditRequestContext,
  ): Promise<ConsentRequest> {
    const normalised = normaliseScopes(scopes);
    return this.dataSource.transaction(async (manager) => {
      // A pending request past its expiry must not hold the unique slot of the next ask.
      await manager.query(
        `UPDATE consent_requests SET status = 'expired'
          WHERE client_id = $1 AND user_id = $2 AND purpose = $3 AND scopes = $4
            AND status = 'pending' AND expires_at <= now()`,
        [service.client.id, userId, purpose, normalised],
      );
      const [row] = await manager.query<Array<Row & { created: boolean }>>(
        `INSERT INTO consent_requests (client_id, user_id, scopes, purpose, return_url, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6))
         ON CONFLICT (client_id, user_id, purpose, scopes) WHERE status = 'pending'
         DO UPDATE SET return_url = coalesce(EXCLUDED.return_url, consent_requests.return_url),
                       expires_at = EXCLUDED.expires_at
         RETURNING ${COLUMNS}, (xmax = 0) AS created`,
        [service.client.id, userId, normalised, purpose, returnUrl, CONSENT_REQUEST_LIFETIME_DAYS],
      );
      if (row.created) {
        await this.record(manager, 'consent_request.created', row, context, {
          actor: { kind: 'service', id: service.client.id },
        });
      }
      return requestOf(row);
    });
  }

  private async close(
    id: string,
    userId: string,
    context: AuditRequestContext,
    status: 'completed' | 'declined',
    grantScopes: readonly string[] | null,
  ): Promise<ConsentRequest> {
    const pending = await this.pendingFor(id, userId);
    const granted =
      grantScopes === null
        ? null
        : pending.scopes.filter((scope) => !missingScopes(grantScopes, [scope]).length);
    return this.dataSource.transaction(async (manager) => {
      const [[row]] = await manager.query<[Row[], number]>(
        `UPDATE consent_requests SET status = $3, completed_at = now(), granted_scopes = $4
          WHERE id = $1 AND user_id = $2 AND status = 'pending' AND expires_at > now()
          RETURNING ${COLUMNS}`,
        [id, userId, status, granted],
      );
      // Answered or expired between the read and now (another tab).
      if (!row) throw closed('completed');
      await this.record(manager, `consent_request.${status}`, row, context, {
        actor: { kind: 'user', id: userId },
        ...(granted
          ? {
              granted_scopes: granted,
              missing_scopes: missingScopes(granted, row.scopes),
            }
          : {}),
      });
      return requestOf(row);
    });
  }

  private async row(id: string): Promise<Row | undefined> {
    const [row] = await this.dataSource.query<Row[]>(
      `SELECT ${COLUMNS} FROM consent_requests WHERE id = $1`,
      [id],
    );
    return row;
  }

  private async userIdOf(user: UserReference): Promise<string> {
    const id = await userIdOf(this.users, user);
    if (!id) throw new ServiceApiError('unknown_user', 'No such user here.');
    return id;
  }

  private record(
    manager: EntityManager,
    action: string,
    row: Row,
    context: AuditRequestContext,
    extra: { actor: { kind: 'service' | 'user'; id: string } } & Record<string, unknown>,
  ): Promise<void> {
    const { actor, ...details } = extra;
    return this.audit.record(
      {
        action,
        actor,
        subjectUserId: row.user_id,
        context,
        details: {
          consent_request_id: row.id,
          client_id: row.client_id,
          scopes: row.scopes,
          purpose: row.purpose,
          ...details,
        },
      },
      manager,
    );
  }
}

function requestOf(row: Row): ConsentRequest {
  return {
    id: row.id,
    clientId: row.client_id,
    userId: row.user_id,
    scopes: row.scopes,
    purpose: row.purpose,
    returnUrl: row.return_url,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    completedAt: row.completed_at,
    grantedScopes: row.granted_scopes,
  };
}

function notFound(): ServiceApiError {
  return new ServiceApiError('consent_request_not_found', 'No such consent request.');
}

function wrongUser(): ServiceApiError {
  return new ServiceApiError(
    'consent_wrong_user',
    'This request is for another account than the one signed in.',
  );
}

function closed(status: ConsentRequestStatus): ServiceApiError {
  return new ServiceApiError('consent_request_closed', `This request is ${status} already.`, {
    fields: { status },
  });
}
