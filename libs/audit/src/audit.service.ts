import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
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

/** Appends events to the audit log. Events are never updated or deleted by the application. */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
  ) {}

  async record(input: AuditEventInput): Promise<void> {
    const event = this.events.create({
      action: input.action,
      actorKind: input.actor.kind,
      actorId: input.actor.id ?? null,
      subjectUserId: input.subjectUserId ?? null,
      grantId: input.grantId ?? null,
      requestId: input.context?.requestId?.slice(0, 100) ?? null,
      ip: input.context?.ip ?? null,
      userAgent: input.context?.userAgent?.slice(0, 500) ?? null,
      details: sanitizeAuditDetails(input.details ?? {}),
    });
    await this.events.save(event, { reload: false });
  }

  /** The newest events about one user, newest first. */
  async recentForUser(userId: string, limit = 20): Promise<AuditEventView[]> {
    return this.events.find({
      where: { subjectUserId: userId },
      order: { occurredAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }
}
