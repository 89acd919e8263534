import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuditRequestContext } from '@grantkeeper/audit';
import { DataSource } from 'typeorm';

/** One request of a service for a user's Google access, given or refused. */
export interface DisclosureInput {
  readonly clientId: string;
  readonly keyId: string;
  readonly userId: string | null;
  readonly grantId: string | null;
  readonly scopes: readonly string[];
  readonly purpose: string;
  readonly purposeDetail: string | null;
  /** The token given (only its fingerprint is kept), or the code it was refused with. */
  readonly outcome: { readonly issued: string } | { readonly refused: string };
  readonly context: AuditRequestContext;
}

/**
 * The record of every token a service asked for: who, for whom, which scopes, for what, and
 * the SHA-256 fingerprint of the token (never the token), so a leaked token can be traced to
 * its disclosure.
 */
@Injectable()
export class DisclosuresService {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes the disclosure and returns its id; the caller answers only once it is durable. */
  async record(input: DisclosureInput): Promise<string> {
    const issued = 'issued' in input.outcome ? input.outcome.issued : null;
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO disclosures
         (client_id, key_id, user_id, grant_id, scopes, purpose, purpose_detail, outcome, refusal,
          token_fingerprint, request_id, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id::text`,
      [
        input.clientId,
        input.keyId,
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
      ],
    );
    return row.id;
  }
}

/** `sha256:<base64url>` of a token: enough to match a leaked token, nothing to use it with. */
export function tokenFingerprint(token: string): string {
  return `sha256:${createHash('sha256').update(token).digest('base64url')}`;
}
