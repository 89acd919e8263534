import { Injectable } from '@nestjs/common';
import { AuditService } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import { isUuid } from '@grantkeeper/database';
import { DataSource, type EntityManager } from 'typeorm';
import type { AdminActor } from './service-clients.service.js';
import { ServiceApiError } from './service-api.errors.js';

/**
 * How long this instance trusts what it read of the limits and kill switches: a switch an admin
 * sets through any instance stops issuance on every instance within this time (as
 * CREDENTIAL_CACHE_MS does for a revoked key).
 */
export const CONTROLS_CACHE_MS = 2_500;

/** A client's rate limits: what an admin set (null: the configured default). */
export interface ServiceRateLimits {
  readonly perMinute: number | null;
  readonly perUserPerMinute: number | null;
}

/** The limits a client's requests are counted against now. */
export interface EffectiveRateLimits {
  readonly perMinute: number;
  readonly perUserPerMinute: number;
}

/** An admin's stop on token issuance: for one client, or for one scope for every client. */
export interface IssuanceStop {
  readonly reason: string;
  readonly since: Date;
  /** The admin who set it. */
  readonly by: string | null;
}

export interface ScopeKillSwitch extends IssuanceStop {
  readonly scope: string;
}

/** A client's limits and kill switch, as admins see them. */
export interface ServiceClientControls {
  readonly rateLimits: ServiceRateLimits;
  readonly effective: EffectiveRateLimits;
  readonly killSwitch: IssuanceStop | null;
}

interface ControlRow {
  client_id: string;
  per_minute: number | null;
  per_user_per_minute: number | null;
  kill_switch_reason: string | null;
  kill_switch_at: Date | null;
  kill_switch_by: string | null;
}

interface SwitchRow {
  scope: string;
  reason: string;
  set_at: Date;
  set_by: string | null;
}

interface Snapshot {
  readonly clients: ReadonlyMap<string, ControlRow>;
  readonly scopes: ReadonlyMap<string, SwitchRow>;
  readonly loadedAt: number;
}

/**
 * The service API's limits and kill switches. Both tables are small (a row per client that has
 * its own limits or kill switch, a row per stopped scope): each instance reads them whole, at most
 * every {@link CONTROLS_CACHE_MS}, one read shared by every request that needs it meanwhile.
 */
@Injectable()
export class IssuanceControls {
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;
  private readonly defaults: EffectiveRateLimits;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    config: ConfigService,
  ) {
    const limits = config.get('rateLimit');
    this.defaults = {
      perMinute: limits.servicePerMinute,
      perUserPerMinute: limits.servicePerUserPerMinute,
    };
  }

  /** The limits the client's requests count against. */
  async limitsFor(clientId: string): Promise<EffectiveRateLimits> {
    return this.effective((await this.current()).clients.get(clientId));
  }

  /** Refuses with 403 `issuance_stopped` when the client's or a scope's kill switch is on. */
  async assertIssuanceAllowed(clientId: string, scopes: readonly string[]): Promise<void> {
    const snapshot = await this.current();
    const client = snapshot.clients.get(clientId);
    if (client?.kill_switch_reason && client.kill_switch_at) {
      throw stopped('client', null, client.kill_switch_reason, client.kill_switch_at);
    }
    for (const scope of scopes) {
      const stop = snapshot.scopes.get(scope);
      if (stop) throw stopped('scope', scope, stop.reason, stop.set_at);
    }
  }

  async controlsOf(clientId: string): Promise<ServiceClientControls> {
    await this.lockClient(this.dataSource.manager, clientId, false);
    const [row] = await this.dataSource.query<ControlRow[]>(
      `SELECT * FROM service_client_controls WHERE client_id = $1`,
      [clientId],
    );
    return this.controlsView(row);
  }

  async setRateLimits(
    clientId: string,
    limits: ServiceRateLimits,
    admin: AdminActor,
  ): Promise<ServiceClientControls> {
    return this.change(async (manager) => {
      await this.lockClient(manager, clientId, true);
      const [row] = await manager.query<ControlRow[]>(
        `INSERT INTO service_client_controls AS c (client_id, per_minute, per_user_per_minute)
         VALUES ($1, $2, $3)
         ON CONFLICT (client_id) DO UPDATE SET per_minute = EXCLUDED.per_minute,
           per_user_per_minute = EXCLUDED.per_user_per_minute, updated_at = now()
         RETURNING c.*`,
        [clientId, limits.perMinute, limits.perUserPerMinute],
      );
      await this.record(manager, 'service_client.rate_limits_changed', admin, {
        client_id: clientId,
        per_minute: limits.perMinute,
        per_user_per_minute: limits.perUserPerMinute,
      });
      return this.controlsView(row);
    });
  }

  async setKillSwitch(
    clientId: string,
    reason: string,
    admin: AdminActor,
  ): Promise<ServiceClientControls> {
    return this.change(async (manager) => {
      await this.lockClient(manager, clientId, true);
      const [row] = await manager.query<ControlRow[]>(
        `INSERT INTO service_client_controls AS c
           (client_id, kill_switch_reason, kill_switch_at, kill_switch_by)
         VALUES ($1, $2, now(), $3)
         ON CONFLICT (client_id) DO UPDATE SET kill_switch_reason = EXCLUDED.kill_switch_reason,
           kill_switch_at = EXCLUDED.kill_switch_at,
           kill_switch_by = EXCLUDED.kill_switch_by, updated_at = now()
         RETURNING c.*`,
        [clientId, reason, isUuid(admin.id) ? admin.id : null],
      );
      await this.record(manager, 'service_client.kill_switch_set', admin, {
        client_id: clientId,
        reason,
      });
      return this.controlsView(row);
    });
  }

  /** Lifts the client's kill switch; `not_found` when it was off. */
  async clearKillSwitch(clientId: string, admin: AdminActor): Promise<ServiceClientControls> {
    return this.change(async (manager) => {
      await this.lockClient(manager, clientId, true);
      const [stop] = await manager.query<ControlRow[]>(
        `SELECT * FROM service_client_controls
          WHERE client_id = $1 AND kill_switch_at IS NOT NULL`,
        [clientId],
      );
      if (!stop) throw notFound('The client’s kill switch is off.');
      const [[row]] = await manager.query<[ControlRow[], number]>(
        `UPDATE service_client_controls SET kill_switch_reason = NULL,
                kill_switch_at = NULL, kill_switch_by = NULL, updated_at = now()
          WHERE client_id = $1 RETURNING *`,
        [clientId],
      );
      await this.record(manager, 'service_client.kill_switch_cleared', admin, {
        client_id: clientId,
        reason: stop.kill_switch_reason,
      });
      return this.controlsView(row);
    });
  }

  async scopeSwitches(): Promise<ScopeKillSwitch[]> {
    const rows = await this.dataSource.query<SwitchRow[]>(
      `SELECT * FROM scope_kill_switches ORDER BY scope`,
    );
    return rows.map(switchOf);
  }

  /** Stops every token that includes `scope`, for every client (or changes the reason). */
  async setScopeSwitch(scope: string, reason: string, admin: AdminActor): Promise<ScopeKillSwitch> {
    return this.change(async (manager) => {
      const [row] = await manager.query<SwitchRow[]>(
        `INSERT INTO scope_kill_switches AS s (scope, reason, set_by) VALUES ($1, $2, $3)
         ON CONFLICT (scope) DO UPDATE SET reason = EXCLUDED.reason, set_at = now(),
           set_by = EXCLUDED.set_by
         RETURNING s.*`,
        [scope, reason, isUuid(admin.id) ? admin.id : null],
      );
      await this.record(manager, 'scope_kill_switch.set', admin, { scope, reason });
      return switchOf(row);
    });
  }

  /** Lets tokens with `scope` be issued again; `not_found` when no switch stops it. */
  async clearScopeSwitch(scope: string, admin: AdminActor): Promise<void> {
    await this.change(async (manager) => {
      const [rows] = await manager.query<[SwitchRow[], number]>(
        `DELETE FROM scope_kill_switches WHERE scope = $1 RETURNING *`,
        [scope],
      );
      if (rows.length === 0) throw notFound('No kill switch stops that scope.');
      await this.record(manager, 'scope_kill_switch.cleared', admin, {
        scope,
        reason: rows[0].reason,
      });
    });
  }

  /** An admin change, audited in its transaction; this instance sees it at once. */
  private async change<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(work);
    this.snapshot = undefined;
    return result;
  }

  private current(): Promise<Snapshot> {
    const snapshot = this.snapshot;
    if (snapshot && Date.now() - snapshot.loadedAt < CONTROLS_CACHE_MS) {
      return Promise.resolve(snapshot);
    }
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<Snapshot> {
    const startedAt = Date.now();
    const [clients, scopes] = await Promise.all([
      this.dataSource.query<ControlRow[]>(`SELECT * FROM service_client_controls`),
      this.dataSource.query<SwitchRow[]>(`SELECT * FROM scope_kill_switches`),
    ]);
    const snapshot: Snapshot = {
      clients: new Map(clients.map((row) => [row.client_id, row])),
      scopes: new Map(scopes.map((row) => [row.scope, row])),
      loadedAt: startedAt,
    };
    this.snapshot = snapshot;
    return snapshot;
  }

  private async lockClient(manager: EntityManager, clientId: string, lock: boolean) {
    if (!isUuid(clientId)) throw notFound('No such service client.');
    const [client] = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM service_clients WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [clientId],
    );
    if (!client) throw notFound('No such service client.');
  }

  private effective(row: ControlRow | undefined): EffectiveRateLimits {
    return {
      perMinute: row?.per_minute ?? this.defaults.perMinute,
      perUserPerMinute: row?.per_user_per_minute ?? this.defaults.perUserPerMinute,
    };
  }

  private controlsView(row: ControlRow | undefined): ServiceClientControls {
    return {
      rateLimits: {
        perMinute: row?.per_minute ?? null,
        perUserPerMinute: row?.per_user_per_minute ?? null,
      },
      effective: this.effective(row),
      killSwitch:
        row?.kill_switch_reason && row.kill_switch_at
          ? {
              reason: row.kill_switch_reason,
              since: row.kill_switch_at,
              by: row.kill_switch_by,
            }
          : null,
    };
  }

  private record(
    manager: EntityManager,
    action: string,
    admin: AdminActor,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      { action, actor: { kind: 'admin', id: admin.id }, context: admin.context, details },
      manager,
    );
  }
}

function switchOf(row: SwitchRow): ScopeKillSwitch {
  return { scope: row.scope, reason: row.reason, since: row.set_at, by: row.set_by };
}

function stopped(
  which: 'client' | 'scope',
  scope: string | null,
  reason: string,
  since: Date,
): ServiceApiError {
  return new ServiceApiError(
    'issuance_stopped',
    which === 'client'
      ? 'An admin stopped token issuance for this service.'
      : 'An admin stopped token issuance for a scope asked for.',
    { fields: { switch: which, scope, reason, since: since.toISOString() } },
  );
}

function notFound(message: string): ServiceApiError {
  return new ServiceApiError('not_found', message);
}
