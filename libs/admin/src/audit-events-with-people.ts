import { Injectable } from '@nestjs/common';
import type { AuditRecord } from '@grantkeeper/audit';
import { UsersService } from '@grantkeeper/identity';
import type { AuditEventDto } from './dto/audit-event.dto.js';

/**
 * Audit events as the dashboard shows them: with the email of each person they name (the
 * actor when a user or admin, the subject, the user whose request an anonymous event was), all
 * looked up in one primary-key read of the page's users.
 */
@Injectable()
export class AuditEventsWithPeople {
  constructor(private readonly users: UsersService) {}

  async of(records: readonly AuditRecord[]): Promise<AuditEventDto[]> {
    const ids = records.flatMap((record) => [
      ...(isPerson(record) && record.actorId ? [record.actorId] : []),
      ...(record.subjectUserId ? [record.subjectUserId] : []),
      ...(record.requestUserId ? [record.requestUserId] : []),
    ]);
    const emails = await this.users.emailsOf(ids);
    const email = (id: string | null) => (id === null ? null : (emails.get(id) ?? null));
    return records.map((record) => ({
      id: record.id,
      occurredAt: record.occurredAt.toISOString(),
      actorKind: record.actorKind,
      actorId: record.actorId,
      actorEmail: isPerson(record) ? email(record.actorId) : null,
      requestUserId: record.requestUserId,
      requestUserEmail: email(record.requestUserId),
      action: record.action,
      subjectUserId: record.subjectUserId,
      subjectEmail: email(record.subjectUserId),
      grantId: record.grantId,
      requestId: record.requestId,
      ip: record.ip,
      userAgent: record.userAgent,
      details: record.details,
    }));
  }
}

/** Whether the actor id is a user's (an admin is a user too); other kinds hold other ids. */
function isPerson(record: AuditRecord): boolean {
  return record.actorKind === 'user' || record.actorKind === 'admin';
}
