import { Injectable } from '@nestjs/common';
import { type AuditRequestContext, AuditService } from '@grantkeeper/audit';
import type { AuthenticatedUser } from '@grantkeeper/identity';
import { GrantSearchService, GrantsService } from '@grantkeeper/offline-access';
import { AdminError } from './admin.errors.js';
import type { BulkRevokeDto, BulkRevokeResultDto } from './dto/bulk-revoke.dto.js';

const BATCH = 100;

/** Revokes every live grant a filter matches, in batches; a dry run only counts them. */
@Injectable()
export class AdminBulkRevokeService {
  constructor(
    private readonly search: GrantSearchService,
    private readonly grants: GrantsService,
    private readonly audit: AuditService,
  ) {}

  async run(
    request: BulkRevokeDto,
    admin: AuthenticatedUser,
    context: AuditRequestContext,
  ): Promise<BulkRevokeResultDto> {
    const criteria = Object.entries(request.filter).filter(([, value]) => value !== undefined);
    if (criteria.length === 0) {
      throw new AdminError('empty_filter', 'Give at least one criterion.');
    }
    if (request.dryRun) return { count: await this.search.countLive(request.filter) };
    const by = { kind: 'admin', id: admin.id } as const;
    let revoked = 0;
    let after: string | undefined;
    for (;;) {
      const batch = await this.search.liveIds(request.filter, BATCH, after);
      for (const grant of batch) {
        await this.grants.revoke(grant.userId, by, request.reason, context);
        revoked += 1;
      }
      if (batch.length < BATCH) break;
      after = batch.at(-1)?.id;
    }
    await this.audit.record({
      action: 'admin.grants_bulk_revoked',
      actor: by,
      context,
      details: { reason: request.reason, filter: Object.fromEntries(criteria), revoked },
    });
    return { revoked };
  }
}
