import { isIPv4, isIPv6 } from 'node:net';
import { Injectable } from '@nestjs/common';
import { type AuditRequestContext, AuditService, auditContextOf } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import type { FastifyRequest } from 'fastify';
import { DataSource, type EntityManager } from 'typeorm';
import { issueApiKey, secretEnvOf } from './api-key.js';
import { CheckedCredentials } from './checked-credentials.js';
import {
  type ClientKeySetsInput,
  jwtApiScopesOf,
  keySetsSummary,
  saveClientKeySets,
} from './client-key-sets.js';
import type {
  ServiceApiScope,
  ServiceClient,
  ServiceClientStatus,
  PublicJwkSet,
  ServiceKeyView,
  ServicePurpose,
} from './service-client.js';
import { assertReturnOrigins } from './return-origins.js';
import { ServiceApiError } from './service-api.errors.js';
import { isUuid } from '@grantkeeper/database';

/** What an admin gives to register a service, or changes on one. */
export interface ServiceClientInput extends ClientKeySetsInput {
  readonly name: string;
  readonly team: string;
  readonly contact: string;
  readonly allowedScopes: readonly string[];
  readonly purposes: readonly ServicePurpose[];
  readonly ipAllowlist?: readonly string[];
  readonly returnOrigins?: readonly string[];
}

export interface ServiceClientChange extends Partial<ServiceClientInput> {
  readonly status?: ServiceClientStatus;
}

export interface NewKeyInput {
  readonly apiScopes: readonly ServiceApiScope[];
  readonly expiresInDays: number;
}

/** Who made an admin change, for the audit log. */
export interface AdminActor {
  readonly id: string;
  readonly context: AuditRequestContext;
}

/** The admin behind a dashboard request, as the audit log records them. */
export function adminActorOf(admin: { readonly id: string }, request: FastifyRequest): AdminActor {
  return { id: admin.id, context: auditContextOf(request) };
}

/** Overlapping rotation: a new key is added before the old one is revoked, never a third. */
export const MAX_ACTIVE_KEYS = 2;

interface ClientRow {
  id: string;
  name: string;
  team: string;
  contact: string;
  allowed_scopes: string[];
  purposes: ServicePurpose[];
  ip_allowlist: string[];
  return_origins: string[];
  status: ServiceClientStatus;
  jwks: PublicJwkSet | null;
  jwks_uri: string | null;
  jwt_api_scopes: ServiceApiScope[];
  created_at: Date;
  updated_at: Date;
  last_used_at: Date | null;
}

interface KeyRow {
  id: string;
  client_id: string;
  lookup_prefix: string;
  api_scopes: ServiceApiScope[];
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  last_used_ip: string | null;
}

const KEY_COLUMNS = `id, client_id, lookup_prefix, api_scopes, created_at, expires_at, revoked_at,
  last_used_at, last_used_ip`;

/** Registered services and their API keys: what admins manage; every change audited. */
@Injectable()
export class ServiceClientsService {
  private readonly keyEnv: string;
  private readonly production: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly checked: CheckedCredentials,
    config: ConfigService,
  ) {
    this.keyEnv = secretEnvOf(config.get('env'));
    this.production = config.get('env') === 'production';
  }

  async list(): Promise<ServiceClient[]> {
    const rows = await this.dataSource.query<ClientRow[]>(
      `SELECT * FROM service_clients ORDER BY name`,
    );
    return rows.map(clientOf);
  }

  async get(id: string): Promise<ServiceClient> {
    assertId(id);
    const [row] = await this.dataSource.query<ClientRow[]>(
      `SELECT * FROM service_clients WHERE id = $1`,
      [id],
    );
    if (!row) throw notFound();
    return clientOf(row);
  }

  async create(input: ServiceClientInput, admin: AdminActor): Promise<ServiceClient> {
    const origins = assertReturnOrigins(input.returnOrigins ?? [], this.production);
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager
        .query<ClientRow[]>(
          `INSERT INTO service_clients
             (name, team, contact, allowed_scopes, purposes, ip_allowlist, return_origins)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
          [
            input.name,
            input.team,
            input.contact,
            [...input.allowedScopes],
            JSON.stringify(input.purposes),
            [...(input.ipAllowlist ?? [])],
            origins,
          ],
        )
        .catch((error: unknown) => {
          throw uniqueName(error);
        });
      const saved = await saveClientKeySets<ClientRow>(manager, row.id, input, this.production);
      await this.record(manager, 'service_client.created', admin, row.id, summary(input));
      return clientOf(saved ?? row);
    });
  }

  async update(id: string, change: ServiceClientChange, admin: AdminActor): Promise<ServiceClient> {
    assertId(id);
    if (change.returnOrigins) assertReturnOrigins(change.returnOrigins, this.production);
    const updated = await this.dataSource.transaction(async (manager) => {
      // TypeORM answers an UPDATE with [rows, affected].
      const [[row]] = await manager
        .query<[ClientRow[], number]>(
          `UPDATE service_clients SET
             name = coalesce($2, name), team = coalesce($3, team),
             contact = coalesce($4, contact), allowed_scopes = coalesce($5, allowed_scopes),
             purposes = coalesce($6, purposes), ip_allowlist = coalesce($7, ip_allowlist),
             status = coalesce($8, status), return_origins = coalesce($9, return_origins),
             updated_at = now()
           WHERE id = $1 RETURNING *`,
          [
            id,
            change.name ?? null,
            change.team ?? null,
            change.contact ?? null,
            change.allowedScopes ? [...change.allowedScopes] : null,
            change.purposes ? JSON.stringify(change.purposes) : null,
            change.ipAllowlist ? [...change.ipAllowlist] : null,
            change.status ?? null,
            change.returnOrigins ? [...change.returnOrigins] : null,
          ],
        )
        .catch((error: unknown) => {
          throw uniqueName(error);
        });
      if (!row) throw notFound();
      const saved = await saveClientKeySets<ClientRow>(manager, id, change, this.production);
      const action =
        change.status === 'suspended'
          ? 'service_client.suspended'
          : change.status === 'active'
            ? 'service_client.resumed'
            : 'service_client.updated';
      await this.record(manager, action, admin, id, summary(change));
      return clientOf(saved ?? row);
    });
    // Its checked credentials carry the old status, scopes and allowlist.
    this.checked.forgetClient(id);
    return updated;
  }

  /** Deletes the client and its keys; its disclosures stay (the record outlives the client). */
  async delete(id: string, admin: AdminActor): Promise<void> {
    assertId(id);
    await this.dataSource.transaction(async (manager) => {
      const [, deleted] = await manager.query<[unknown[], number]>(
        `DELETE FROM service_clients WHERE id = $1`,
        [id],
      );
      if (deleted === 0) throw notFound();
      await this.record(manager, 'service_client.deleted', admin, id, {});
    });
    this.checked.forgetClient(id);
  }

  async keys(clientId: string): Promise<ServiceKeyView[]> {
    assertId(clientId);
    const rows = await this.dataSource.query<KeyRow[]>(
      `SELECT ${KEY_COLUMNS} FROM service_api_keys WHERE client_id = $1 ORDER BY created_at DESC`,
      [clientId],
    );
    return rows.map(keyOf);
  }

  /** How many live (unrevoked, unexpired) keys each client has; clients without one are absent. */
  async activeKeyCounts(): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<Array<{ client_id: string; active: number }>>(
      `SELECT client_id, count(*)::int AS active FROM service_api_keys
        WHERE revoked_at IS NULL AND expires_at > now() GROUP BY client_id`,
    );
    return new Map(rows.map((row) => [row.client_id, row.active]));
  }

  /**
   * A new key for the client; the key itself is in the answer only. The client's row is locked
   * first, so two concurrent requests cannot both pass the limit of {@link MAX_ACTIVE_KEYS}.
   */
  async createKey(
    clientId: string,
    input: NewKeyInput,
    admin: AdminActor,
  ): Promise<{ key: string; view: ServiceKeyView }> {
    assertId(clientId);
    return this.dataSource.transaction(async (manager) => {
      const [client] = await manager.query<Array<{ id: string }>>(
        `SELECT id FROM service_clients WHERE id = $1 FOR UPDATE`,
        [clientId],
      );
      if (!client) throw notFound();
      const [{ active }] = await manager.query<Array<{ active: number }>>(
        `SELECT count(*)::int AS active FROM service_api_keys
          WHERE client_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
        [clientId],
      );
      if (active >= MAX_ACTIVE_KEYS) {
        throw new ServiceApiError(
          'too_many_keys',
          `The client has ${MAX_ACTIVE_KEYS} active keys: revoke one before adding another.`,
        );
      }
      const issued = issueApiKey(this.keyEnv);
      const [row] = await manager.query<KeyRow[]>(
        `INSERT INTO service_api_keys (client_id, lookup_prefix, secret_hash, api_scopes, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(days => $5)) RETURNING ${KEY_COLUMNS}`,
        [
          clientId,
          issued.lookupPrefix,
          issued.secretHash,
          [...input.apiScopes],
          input.expiresInDays,
        ],
      );
      await this.record(manager, 'service_key.created', admin, clientId, {
        key_id: row.id,
        api_scopes: row.api_scopes,
        expires_at: row.expires_at.toISOString(),
      });
      return { key: issued.key, view: keyOf(row) };
    });
  }

  /** Revokes a key: at once on this instance, on the others within CREDENTIAL_CACHE_MS. */
  async revokeKey(clientId: string, keyId: string, admin: AdminActor): Promise<void> {
    assertId(clientId, keyId);
    await this.dataSource.transaction(async (manager) => {
      const [, revoked] = await manager.query<[unknown[], number]>(
        `UPDATE service_api_keys SET revoked_at = now()
          WHERE id = $1 AND client_id = $2 AND revoked_at IS NULL`,
        [keyId, clientId],
      );
      if (revoked === 0) throw notFound();
      await this.record(manager, 'service_key.revoked', admin, clientId, { key_id: keyId });
    });
    this.checked.forgetClient(clientId);
  }

  private record(
    manager: EntityManager,
    action: string,
    admin: AdminActor,
    clientId: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        action,
        actor: { kind: 'admin', id: admin.id },
        context: admin.context,
        details: { client_id: clientId, ...details },
      },
      manager,
    );
  }
}

/** Whether every entry is an IPv4/IPv6 address or CIDR block (for the DTOs' validation). */
export function isCidr(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length > 0) return false;
  const max = isIPv4(address) ? 32 : isIPv6(address) ? 128 : -1;
  if (max < 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
}

function summary(
  input: Partial<ServiceClientInput> & { status?: string },
): Record<string, unknown> {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.allowedScopes ? { allowed_scopes: input.allowedScopes } : {}),
    ...(input.purposes ? { purposes: input.purposes.map((purpose) => purpose.id) } : {}),
    ...(input.ipAllowlist ? { ip_allowlist: input.ipAllowlist } : {}),
    ...(input.returnOrigins ? { return_origins: input.returnOrigins } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...keySetsSummary(input),
  };
}

function uniqueName(error: unknown): unknown {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && constraint === 'service_clients_name_key'
    ? new ServiceApiError('name_taken', 'A service client of that name exists.', { cause: error })
    : error;
}

/** Guessed or malformed ids are answered exactly like unknown ones. */
function assertId(...ids: string[]): void {
  if (!ids.every((id) => isUuid(id))) throw notFound();
}

function notFound(): ServiceApiError {
  return new ServiceApiError('not_found', 'No such service client or key.');
}

export function clientOf(row: ClientRow): ServiceClient {
  return {
    id: row.id,
    name: row.name,
    team: row.team,
    contact: row.contact,
    allowedScopes: row.allowed_scopes,
    purposes: row.purposes,
    ipAllowlist: row.ip_allowlist,
    returnOrigins: row.return_origins,
    status: row.status,
    jwks: row.jwks ?? null,
    jwksUri: row.jwks_uri ?? null,
    jwtApiScopes: jwtApiScopesOf(row.jwt_api_scopes),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastUsedAt: row.last_used_at,
  };
}

function keyOf(row: KeyRow): ServiceKeyView {
  return {
    id: row.id,
    clientId: row.client_id,
    lookupPrefix: row.lookup_prefix,
    apiScopes: row.api_scopes,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    lastUsedIp: row.last_used_ip,
  };
}
