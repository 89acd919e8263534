import { Injectable } from '@nestjs/common';
import { AuditService } from '@grantkeeper/audit';
import { isUuid } from '@grantkeeper/database';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type ControlRow,
  IssuanceControls,
  type ScopeKillSwitch,
  type ServiceClientControls,
  type ServiceRateLimits,
  type SwitchRow,
} from './issuance-controls.js';
import type { AdminActor } from './service-clients.service.js';
import { ServiceApiError } from './service-api.errors.js';

/**
 * Admins' changes to the clients' rate limits and to the kill switches, each audited in its
 * transaction. This instance applies a change at once; the others within CONTROLS_CACHE_MS.
 */
@Injectable()
export class ServiceControlsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly controls: IssuanceControls,
  ) {}

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
    this.controls.forget();
    return result;
  }

  private async lockClient(manager: EntityManager, clientId: string, lock: boolean) {
    if (!isUuid(clientId)) throw notFound('No such service client.');
    const [client] = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM service_clients WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [clientId],
    );
    if (!client) throw notFound('No such service client.');
  }

  private controlsView(row: ControlRow | undefined): ServiceClientControls {
    return {
      rateLimits: {
        perMinute: row?.per_minute ?? null,
        perUserPerMinute: row?.per_user_per_minute ?? null,
      },
      effective: this.controls.effective(row),
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

function notFound(message: string): ServiceApiError {
  return new ServiceApiError('not_found', message);
}
