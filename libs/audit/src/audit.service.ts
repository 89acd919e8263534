import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { sanitizeAuditDetails } from './audit-details.js';
import { type AuditActorKind, AuditEventEntity } from './audit-event.entity.js';

/** Where a request came from, copied onto every event it causes. */
export interface AuditRequestContext {
  readonly requestId?: string;
  readonly ip?: string;
  readonly userAgent?: string;
}

export interface AuditEventInput {
  readonly action: string;
  readonly actor: { readonly kind: AuditActorKind; readonly id?: string };
  readonly subjectUserId?: string;
  readonly grantId?: string;
  readonly context?: AuditRequestContext;
  /** Reasons, ids and counts only: secrets are redacted if they slip in. */
  readonly details?: Record<string, unknown>;
}

export interface AuditEventView {
  readonly id: string;
  readonly occurredAt: Date;
  readonly actorKind: AuditActorKind;
  readonly actorId: string | null;
  readonly action: string;
  readonly subjectUserId: string | null;
  readonly details: Record<string, unknown>;
}

/** The nine column arrays of {@link AuditService.recordMany}, in the order of `inputs`. */
function columnsOf(inputs: readonly AuditEventInput[]): unknown[][] {
  const columns: unknown[][] = [[], [], [], [], [], [], [], [], []];
  for (const input of inputs) {
    const row = [
      input.action,
      input.actor.kind,
      input.actor.id ?? null,
      input.subjectUserId ?? null,
      input.grantId ?? null,
      input.context?.requestId?.slice(0, 100) ?? null,
      input.context?.ip ?? null,
      input.context?.userAgent?.slice(0, 500) ?? null,
      JSON.stringify(sanitizeAuditDetails(input.details ?? {})),
    ];
    row.forEach((value, column) => columns[column].push(value));
  }
  return columns;
}

/** Appends events to the audit log. Events are never updated or deleted by the application. */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
  ) {}

  /** Appends one event; with `manager`, inside that transaction (it commits with the change). */
  async record(input: AuditEventInput, manager?: EntityManager): Promise<void> {
    await this.recordMany([input], manager);
  }

  /**
   * Deletes events older than `before` (audit retention), in batches. The append-only trigger
   * lets a DELETE through only inside a transaction that sets `grantkeeper.audit_maintenance`.
   */
  async purgeOlderThan(before: Date, batchSize = 5_000): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.events.manager.transaction(async (manager) => {
        await manager.query(`SET LOCAL grantkeeper.audit_maintenance = 'on'`);
        const result = await manager.query<[unknown[], number]>(
          `DELETE FROM audit_events WHERE id IN (
             SELECT id FROM audit_events WHERE occurred_at < $1 ORDER BY id LIMIT $2)`,
          [before, batchSize],
        );
        return result[1];
      });
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }

  /**
   * How many events of each of `actions` happened per UTC day since `since` (read from the
   * `(action, occurred_at)` index): `{ action, date: 'YYYY-MM-DD', count }` rows, days without
   * events left out.
   */
  async countsByDay(
    actions: readonly string[],
    since: Date,
  ): Promise<Array<{ action: string; date: string; count: number }>> {
    return this.events.query(
      `SELECT action, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date,
              count(*)::int AS count
         FROM audit_events
        WHERE action = ANY($1) AND occurred_at >= $2
        GROUP BY 1, 2`,
      [actions, since],
    );
  }

  /** The newest event with `action`, or null. */
  async latest(action: string): Promise<AuditEventView | null> {
    return this.events.findOne({ where: { action }, order: { occurredAt: 'DESC', id: 'DESC' } });
  }

  /**
   * Appends events in one statement (one text for any number of events, one array parameter
   * per column, details sanitised in {@link columnsOf}); with `manager`, inside that transaction,
   * so they exist exactly when the change they record does. A raw INSERT rather than the
   * repository's: no entity built per event and no RETURNING, on paths that write an event per
   * refresh (docs/BENCHMARKS.md).
   */
  async recordMany(inputs: readonly AuditEventInput[], manager?: EntityManager): Promise<void> {
    if (inputs.length === 0) return;
    await (manager ?? this.events.manager).query(
      `INSERT INTO audit_events
         (action, actor_kind, actor_id, subject_user_id, grant_id, request_id, ip, user_agent, details)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[],
                            $6::text[], $7::text[], $8::text[], $9::jsonb[])`,
      columnsOf(inputs),
    );
  }
}
