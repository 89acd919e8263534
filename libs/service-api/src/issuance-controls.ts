import { Injectable } from '@nestjs/common';
import { ConfigService } from '@grantkeeper/config';
import { DataSource } from 'typeorm';
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

/** A row of `service_client_controls`. */
export interface ControlRow {
  client_id: string;
  per_minute: number | null;
  per_user_per_minute: number | null;
  kill_switch_reason: string | null;
  kill_switch_at: Date | null;
  kill_switch_by: string | null;
}

/** A row of `scope_kill_switches`. */
export interface SwitchRow {
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
 * What token requests are held to: the clients' rate limits and the kill switches. Both tables
 * are small (a row per client with its own limits or kill switch, a row per stopped scope): each
 * instance reads them whole, at most every {@link CONTROLS_CACHE_MS}, one read shared by every
 * request that needs it meanwhile. Admins change them through ServiceControlsService.
 */
@Injectable()
export class IssuanceControls {
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;
  /** Bumped by every admin change here: a read begun before it is not kept. */
  private generation = 0;
  private readonly defaults: EffectiveRateLimits;

  constructor(
    private readonly dataSource: DataSource,
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

  /** The limits in force for a client with this row (none: the defaults). */
  effective(row: ControlRow | undefined): EffectiveRateLimits {
    return {
      perMinute: row?.per_minute ?? this.defaults.perMinute,
      perUserPerMinute: row?.per_user_per_minute ?? this.defaults.perUserPerMinute,
    };
  }

  /** After an admin change: this instance reads the tables again on the next request. */
  forget(): void {
    this.generation += 1;
    this.snapshot = undefined;
    this.loading = undefined;
  }

  private current(): Promise<Snapshot> {
    const snapshot = this.snapshot;
    if (snapshot && Date.now() - snapshot.loadedAt < CONTROLS_CACHE_MS) {
      return Promise.resolve(snapshot);
    }
    if (this.loading) return this.loading;
    const loading = this.load().finally(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    this.loading = loading;
    return loading;
  }

  private async load(): Promise<Snapshot> {
    const startedAt = Date.now();
    const generation = this.generation;
    const [clients, scopes] = await Promise.all([
      this.dataSource.query<ControlRow[]>(`SELECT * FROM service_client_controls`),
      this.dataSource.query<SwitchRow[]>(`SELECT * FROM scope_kill_switches`),
    ]);
    const snapshot: Snapshot = {
      clients: new Map(clients.map((row) => [row.client_id, row])),
      scopes: new Map(scopes.map((row) => [row.scope, row])),
      loadedAt: startedAt,
    };
    if (generation === this.generation) this.snapshot = snapshot;
    return snapshot;
  }
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
