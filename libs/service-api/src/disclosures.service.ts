import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuditRequestContext } from '@grantkeeper/audit';
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
import { DataSource } from 'typeorm';
import type { ServiceCredentialKind } from './service-client.js';

/** One request of a service for a user's Google access, given or refused. */
export interface DisclosureInput {
  readonly clientId: string;
  /** The credential's id: an API key's or an access token's, as `credentialKind` says. */
  readonly keyId: string;
  readonly credentialKind: ServiceCredentialKind;
  readonly userId: string | null;
  readonly grantId: string | null;
  readonly scopes: readonly string[];
  readonly purpose: string;
  readonly purposeDetail: string | null;
  /** The token given (only its fingerprint is kept), or the code it was refused with. */
  readonly outcome: { readonly issued: string } | { readonly refused: string };
  readonly context: AuditRequestContext;
}

/** Which disclosures a page or an export is about; every criterion is optional. */
export interface DisclosureFilter {
  readonly clientId?: string;
  readonly userId?: string;
  readonly purpose?: string;
  readonly outcome?: 'issued' | 'refused';
  /** The refusal's code (`no_grant`, `scope_not_granted`, …). */
  readonly refusal?: string;
  /** At or after, ISO 8601. */
  readonly from?: string;
  /** Before, ISO 8601. */
  readonly to?: string;
}

/** One disclosure as admins read it (the fingerprint, never a token). */
export interface Disclosure {
  readonly id: string;
  readonly occurredAt: Date;
  readonly clientId: string;
  readonly clientName: string | null;
  readonly keyId: string | null;
  /** The access token used instead of an API key, by a `private_key_jwt` client. */
  readonly accessTokenId: string | null;
  readonly userId: string | null;
  readonly grantId: string | null;
  readonly scopes: string[];
  readonly purpose: string;
  readonly purposeDetail: string | null;
  readonly outcome: 'issued' | 'refused';
  readonly refusal: string | null;
  readonly tokenFingerprint: string | null;
  readonly requestId: string | null;
  readonly ip: string | null;
}

/** One service's requests for one user's Google access, summed up. */
export interface UserDisclosureSummary {
  readonly clientId: string;
  readonly tokensIssued: number;
  readonly requestsRefused: number;
  /** The purpose ids it asked with, given or refused. */
  readonly purposes: string[];
  readonly lastRequestAt: Date;
  readonly lastIssuedAt: Date | null;
}

interface SummaryRow {
  client_id: string;
  issued: number;
  refused: number;
  purposes: string[];
  last_at: Date;
  last_issued_at: Date | null;
}

interface DisclosureRow {
  id: string;
  occurred_at: Date;
  client_id: string;
  client_name: string | null;
  key_id: string | null;
  access_token_id: string | null;
  user_id: string | null;
  grant_id: string | null;
  scopes: string[];
  purpose: string;
  purpose_detail: string | null;
  outcome: 'issued' | 'refused';
  refusal: string | null;
  token_fingerprint: string | null;
  request_id: string | null;
  ip: string | null;
  sort_key: string;
}

/**
 * The record of every token a service asked for: who, for whom, which scopes, for what, and
 * the SHA-256 fingerprint of the token (never the token), so a leaked token can be traced to
 * its disclosure.
 */
@Injectable()
export class DisclosuresService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, in keyset pages on `(occurred_at, id)`. */
  async search(
    filter: DisclosureFilter & { readonly limit: number; readonly cursor?: string },
  ): Promise<Page<Disclosure>> {
    const position = decodeCursor(filter.cursor, BIGINT_ID);
    return pageOf(await this.page(filter, position, filter.limit + 1), filter.limit, disclosureOf);
  }

  /** Every matching disclosure, page by page (for the CSV export): memory stays flat. */
  async *all(filter: DisclosureFilter, pageSize = 500): AsyncGenerator<Disclosure> {
    const rows = everyRow((position, limit) => this.page(filter, position, limit), pageSize);
    for await (const row of rows) yield disclosureOf(row);
  }

  private page(
    filter: DisclosureFilter,
    position: KeysetPosition | undefined,
    limit: number,
  ): Promise<DisclosureRow[]> {
    const sql = new SqlFilter()
      .when(filter.clientId, (p) => `d.client_id = ${p}::uuid`)
      .when(filter.userId, (p) => `d.user_id = ${p}::uuid`)
      .when(filter.purpose, (p) => `d.purpose = ${p}`)
      .when(filter.outcome, (p) => `d.outcome = ${p}`)
      .when(filter.refusal, (p) => `d.refusal = ${p}`)
      .when(filter.from, (p) => `d.occurred_at >= ${p}::timestamptz`)
      .when(filter.to, (p) => `d.occurred_at < ${p}::timestamptz`)
      .after('d.occurred_at', 'd.id', 'desc', position, '::bigint');
    return this.dataSource.query<DisclosureRow[]>(
      `SELECT d.id::text AS id, d.occurred_at, d.client_id, c.name AS client_name, d.key_id, d.access_token_id,
              d.user_id, d.grant_id, d.scopes, d.purpose, d.purpose_detail, d.outcome, d.refusal,
              d.token_fingerprint, d.request_id, d.ip, ${sortKeySql('d.occurred_at')} AS sort_key
         FROM disclosures d LEFT JOIN service_clients c ON c.id = d.client_id
         ${sql.where}
        ORDER BY d.occurred_at DESC, d.id DESC
        LIMIT ${sql.param(limit)}`,
      sql.params,
    );
  }

  /**
   * What each service asked of one user's Google access: tokens given, requests refused, the
   * purposes asked for, the last time. One index-only range of `disclosures_user_client_idx`.
   */
  async summaryForUser(userId: string): Promise<UserDisclosureSummary[]> {
    const rows = await this.dataSource.query<SummaryRow[]>(
      `SELECT client_id,
              count(*) FILTER (WHERE outcome = 'issued')::int AS issued,
              count(*) FILTER (WHERE outcome = 'refused')::int AS refused,
              array_agg(DISTINCT purpose) AS purposes,
              max(occurred_at) AS last_at,
              max(occurred_at) FILTER (WHERE outcome = 'issued') AS last_issued_at
         FROM disclosures
        WHERE user_id = $1::uuid
        GROUP BY client_id`,
      [userId],
    );
    return rows.map((row) => ({
      clientId: row.client_id,
      tokensIssued: row.issued,
      requestsRefused: row.refused,
      purposes: row.purposes,
      lastRequestAt: row.last_at,
      lastIssuedAt: row.last_issued_at,
    }));
  }

  /**
   * Writes the disclosure of a token given, unless the user blocked the service: the row then
   * records the refusal (`blocked_by_user`, no fingerprint) instead. The block is read in the
   * statement that writes the row, so a cached issuance is one durable statement here, and no
   * block can land between the check and the record. The caller answers only once it returns.
   */
  recordIssuance(
    input: DisclosureInput & { readonly outcome: { readonly issued: string } },
  ): Promise<{ readonly id: string; readonly blocked: boolean }> {
    return this.write(input, true);
  }

  /** Writes the disclosure and returns its id; the caller answers only once it is durable. */
  async record(input: DisclosureInput): Promise<string> {
    return (await this.write(input, false)).id;
  }

  private async write(
    input: DisclosureInput,
    unlessBlocked: boolean,
  ): Promise<{ id: string; blocked: boolean }> {
    const issued = 'issued' in input.outcome ? input.outcome.issued : null;
    const [row] = await this.dataSource.query<Array<{ id: string; blocked: boolean }>>(
      `INSERT INTO disclosures
         (client_id, key_id, user_id, grant_id, scopes, purpose, purpose_detail, outcome, refusal,
          token_fingerprint, request_id, ip, access_token_id)
       SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::text[], $6::text, $7::text,
              CASE WHEN b.blocked THEN 'refused' ELSE $8::text END,
              CASE WHEN b.blocked THEN 'blocked_by_user' ELSE $9::text END,
              CASE WHEN b.blocked THEN NULL ELSE $10::text END, $11::text, $12::text, $13::uuid
         FROM (SELECT $14::boolean AND EXISTS (
                 SELECT 1 FROM user_service_blocks WHERE user_id = $3::uuid AND client_id = $1::uuid
               ) AS blocked) b
       RETURNING id::text, $14::boolean AND outcome = 'refused' AS blocked`,
      [
        input.clientId,
        input.credentialKind === 'api_key' ? input.keyId : null,
        input.userId,
        input.grantId,
        [...input.scopes],
        input.purpose,
        input.purposeDetail,
        issued === null ? 'refused' : 'issued',
        'refused' in input.outcome ? input.outcome.refused : null,
        issued === null ? null : tokenFingerprint(issued),
        input.context.requestId?.slice(0, 100) ?? null,
        input.context.ip ?? null,
        input.credentialKind === 'access_token' ? input.keyId : null,
        unlessBlocked,
      ],
    );
    return row;
  }
}

function disclosureOf(row: DisclosureRow): Disclosure {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    clientId: row.client_id,
    clientName: row.client_name,
    keyId: row.key_id,
    accessTokenId: row.access_token_id,
    userId: row.user_id,
    grantId: row.grant_id,
    scopes: row.scopes,
    purpose: row.purpose,
    purposeDetail: row.purpose_detail,
    outcome: row.outcome,
    refusal: row.refusal,
    tokenFingerprint: row.token_fingerprint,
    requestId: row.request_id,
    ip: row.ip,
  };
}

/** `sha256:<base64url>` of a token: enough to match a leaked token, nothing to use it with. */
export function tokenFingerprint(token: string): string {
  return `sha256:${createHash('sha256').update(token).digest('base64url')}`;
}
