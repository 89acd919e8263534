import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { csvLine } from './csv.js';
import {
  AUDIT_COLUMNS,
  type AuditEventPageDto,
  type AuditEventRow,
  type AuditEventWithPeopleRow,
  auditEventOf,
  withPeopleSql,
} from './dto/audit-event.dto.js';
import type { AuditFilterDto, ListAuditQueryDto } from './dto/list-audit.query.js';
import { BIGINT_ID, decodeCursor, type KeysetPosition, pageOf } from './keyset-cursor.js';
import { sortKeySql, SqlFilter } from './sql-query.js';

type AuditPageRow = AuditEventWithPeopleRow & { sort_key: string };

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

/** The audit log as admins read it: newest first, in keyset pages or as one CSV stream. */
@Injectable()
export class AdminAuditService {
  constructor(private readonly dataSource: DataSource) {}

  async search(query: ListAuditQueryDto): Promise<AuditEventPageDto> {
    const position = decodeCursor(query.cursor, BIGINT_ID);
    const rows = await this.page(query, position, query.limit + 1);
    return pageOf(rows, query.limit, auditEventOf);
  }

  /** Every matching event as CSV lines, read page by page so memory stays flat. */
  async *csv(filter: AuditFilterDto): AsyncGenerator<string> {
    yield csvLine(CSV_HEADER);
    let position: KeysetPosition | undefined;
    for (;;) {
      const rows = await this.page(filter, position, CSV_PAGE);
      for (const row of rows) yield csvLine(csvCells(row));
      const last = rows.at(-1);
      if (!last || rows.length < CSV_PAGE) return;
      position = { key: last.sort_key, id: last.id };
    }
  }

  private page(
    filter: AuditFilterDto,
    position: KeysetPosition | undefined,
    limit: number,
  ): Promise<AuditPageRow[]> {
    const sql = new SqlFilter()
      .when(filter.actorKind, (p) => `e.actor_kind = ${p}`)
      .when(filter.actorId, (p) => `e.actor_id = ${p}`)
      .when(filter.action, (p) => `e.action = ${p}`)
      .when(filter.userId, (p) => `e.subject_user_id = ${p}::uuid`)
      .when(filter.from, (p) => `e.occurred_at >= ${p}::timestamptz`)
      .when(filter.to, (p) => `e.occurred_at < ${p}::timestamptz`)
      .after('e.occurred_at', 'e.id', 'desc', position, '::bigint');
    const page = `SELECT ${AUDIT_COLUMNS}, ${sortKeySql('e.occurred_at')} AS sort_key
         FROM audit_events e ${sql.where}
        ORDER BY e.occurred_at DESC, e.id DESC
        LIMIT ${sql.param(limit)}`;
    return this.dataSource.query<AuditPageRow[]>(withPeopleSql(page), sql.params);
  }
}

function csvCells(row: AuditEventRow): Array<string | null> {
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
