import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  BIGINT_ID,
  decodeCursor,
  everyRow,
  type KeysetPosition,
  type Page,
  pageOf,
  sortKeySql,
  SqlFilter,
} from '@grantkeeper/database';
import type { Repository } from 'typeorm';
import { type AuditActorKind, AuditEventEntity } from './audit-event.entity.js';
import { csvLine } from './csv.js';

/** Which events a page or an export is about; every criterion is optional. */
export interface AuditFilter {
  readonly actorKind?: AuditActorKind;
  readonly actorId?: string;
  readonly action?: string;
  /** The subject user's id (a uuid: the caller checks). */
  readonly userId?: string;
  /** At or after, ISO 8601. */
  readonly from?: string;
  /** Before, ISO 8601. */
  readonly to?: string;
}

export interface AuditSearchQuery extends AuditFilter {
  /** Newest first unless `asc`. */
  readonly order?: 'asc' | 'desc';
  readonly limit: number;
  /** A cursor handed out by an earlier page; anything else is a 400 `invalid_cursor`. */
  readonly cursor?: string;
}

/** One event as readers see it, with who made the request when the event itself can't say. */
export interface AuditRecord {
  readonly id: string;
  readonly occurredAt: Date;
  readonly actorKind: AuditActorKind;
  readonly actorId: string | null;
  readonly action: string;
  readonly subjectUserId: string | null;
  readonly grantId: string | null;
  readonly requestId: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly details: Record<string, unknown>;
  /**
   * For an anonymous event (a step before the caller is known, such as a code exchange): the
   * user or admin that another event of the same request names as its actor.
   */
  readonly requestUserId: string | null;
}

interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_kind: AuditActorKind;
  actor_id: string | null;
  action: string;
  subject_user_id: string | null;
  grant_id: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
  request_user_id: string | null;
  sort_key: string;
}

const AUDIT_COLUMNS =
  'e.id::text AS id, e.occurred_at, e.actor_kind, e.actor_id, e.action, e.subject_user_id, ' +
  'e.grant_id, e.request_id, e.ip, e.user_agent, e.details';
type Direction = 'asc' | 'desc';
const CSV_PAGE = 500;
const CSV_HEADER = [
  'id',
  'occurred_at',
  'actor_kind',
  'actor_id',
  'action',
  'subject_user_id',
  'grant_id',
  'request_id',
  'ip',
  'user_agent',
  'details',
];

/**
 * The audit log as people read it: newest (or oldest) first, in keyset pages, as one CSV stream, and as the
 * timeline of one user or one grant.
 */
@Injectable()
export class AuditSearchService {
  constructor(
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
  ) {}

  async search(query: AuditSearchQuery): Promise<Page<AuditRecord>> {
    const position = decodeCursor(query.cursor, BIGINT_ID);
    const rows = await this.page(query, position, query.limit + 1, query.order ?? 'desc');
    return pageOf(rows, query.limit, recordOf);
  }

  /** Every matching event as CSV lines, read page by page so memory stays flat. */
  async *csv(filter: AuditFilter): AsyncGenerator<string> {
    yield csvLine(CSV_HEADER);
    const rows = everyRow(
      (position, limit) => this.page(filter, position, limit, 'desc'),
      CSV_PAGE,
    );
    for await (const row of rows) yield csvLine(csvCells(row));
  }

  /** The newest `limit` events about one user (`audit_events_subject_idx`). */
  async forUser(userId: string, limit = 20): Promise<AuditRecord[]> {
    return (await this.page({ userId }, undefined, limit, 'desc')).map(recordOf);
  }

  /** The newest `limit` events about one grant (`audit_events_grant_idx`). */
  async forGrant(grantId: string, limit = 200): Promise<AuditRecord[]> {
    const sql = new SqlFilter().when(grantId, (p) => `e.grant_id = ${p}::uuid`);
    return (await this.query(sql, limit, 'desc')).map(recordOf);
  }

  private page(
    filter: AuditFilter,
    position: KeysetPosition | undefined,
    limit: number,
    direction: Direction,
  ): Promise<AuditRow[]> {
    const sql = new SqlFilter()
      .when(filter.actorKind, (p) => `e.actor_kind = ${p}`)
      .when(filter.actorId, (p) => `e.actor_id = ${p}`)
      .when(filter.action, (p) => `e.action = ${p}`)
      .when(filter.userId, (p) => `e.subject_user_id = ${p}::uuid`)
      .when(filter.from, (p) => `e.occurred_at >= ${p}::timestamptz`)
      .when(filter.to, (p) => `e.occurred_at < ${p}::timestamptz`)
      .after('e.occurred_at', 'e.id', direction, position, '::bigint');
    return this.query(sql, limit, direction);
  }

  /**
   * The first `limit` events `sql` selects in time order (`direction`), each with the user whose request an anonymous
   * event belongs to, from another event of that request. Looked up after the limit, so only
   * the page's rows are: a window of the time index around each anonymous event (the request's
   * later events come within its run, well under 30 s: Google calls time out first).
   */
  private query(sql: SqlFilter, limit: number, direction: Direction): Promise<AuditRow[]> {
    const page = `SELECT ${AUDIT_COLUMNS}, ${sortKeySql('e.occurred_at')} AS sort_key
         FROM audit_events e ${sql.where}
        ORDER BY e.occurred_at ${direction}, e.id ${direction} LIMIT ${sql.param(limit)}`;
    return this.events.query<AuditRow[]>(
      `SELECT e.*, r.actor_id AS request_user_id
         FROM (${page}) e
         LEFT JOIN LATERAL (
           SELECT o.actor_id FROM audit_events o
            WHERE e.actor_kind = 'anonymous' AND e.request_id IS NOT NULL
              AND o.occurred_at BETWEEN e.occurred_at - interval '1 second'
                                    AND e.occurred_at + interval '30 seconds'
              AND o.request_id = e.request_id AND o.actor_kind IN ('user', 'admin')
            ORDER BY o.occurred_at LIMIT 1) r ON true
        ORDER BY e.occurred_at ${direction}, e.id::bigint ${direction}`,
      sql.params,
    );
  }
}

function recordOf(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    action: row.action,
    subjectUserId: row.subject_user_id,
    grantId: row.grant_id,
    requestId: row.request_id,
    ip: row.ip,
    userAgent: row.user_agent,
    details: row.details,
    requestUserId: row.request_user_id,
  };
}

function csvCells(row: AuditRow): Array<string | null> {
  return [
    row.id,
    row.occurred_at.toISOString(),
    row.actor_kind,
    row.actor_id,
    row.action,
    row.subject_user_id,
    row.grant_id,
    row.request_id,
    row.ip,
    row.user_agent,
    JSON.stringify(row.details),
  ];
}
