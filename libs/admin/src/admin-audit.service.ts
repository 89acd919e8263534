import { Injectable } from '@nestjs/common';
import { AuditSearchService } from '@grantkeeper/audit';
import { AuditEventsWithPeople } from './audit-events-with-people.js';
import type { AuditEventPageDto } from './dto/audit-event.dto.js';
import type { AuditFilterDto, ListAuditQueryDto } from './dto/list-audit.query.js';

/** The audit log as admins read it: in keyset pages (newest or oldest first) or as one CSV stream, newest first. */
@Injectable()
export class AdminAuditService {
  constructor(
    private readonly audit: AuditSearchService,
    private readonly withPeople: AuditEventsWithPeople,
  ) {}

  async search(query: ListAuditQueryDto): Promise<AuditEventPageDto> {
    const page = await this.audit.search(query);
    return { items: await this.withPeople.of(page.items), nextCursor: page.nextCursor };
  }

  /** Every matching event as CSV lines, read page by page so memory stays flat. */
  csv(filter: AuditFilterDto): AsyncGenerator<string> {
    return this.audit.csv(filter);
  }
}
