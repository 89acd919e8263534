import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RiscActions, type RiscOutcome } from './risc-actions.js';
import { RiscEventEntity } from './risc-event.entity.js';
import {
  SecurityEventTokenVerifier,
  type VerifiedSecurityEvent,
} from './security-event-token.verifier.js';

/** What became of one delivery. */
export type RiscDelivery = 'handled' | 'duplicate';

/**
 * Receives Google's security event tokens: verify, de-duplicate by `jti`, act.
 *
 * One transaction per event: the `risc_events` row is inserted first and commits with
 * everything the event does (see {@link RiscActions}) and its audit events. A concurrent
 * redelivery of the same `jti` waits on that row's key and then finds it taken (exactly one of
 * them acts); if anything fails, all of it is rolled back and Google's retry (it redelivers
 * anything not answered 202) applies the event whole. It holds one pooled connection, however
 * many deliveries arrive at once.
 */
@Injectable()
export class RiscEventsService {
  private readonly logger = new Logger(RiscEventsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly verifier: SecurityEventTokenVerifier,
    private readonly actions: RiscActions,
  ) {}

  /** @throws RiscError `invalid_security_event` (400) or `certificates_unavailable` (503). */
  async receive(token: unknown): Promise<RiscDelivery> {
    const event = await this.verifier.verify(token);
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.claim(event, manager))) return 'duplicate';
      const outcome = await this.actions.apply(event, manager);
      this.log(event, outcome);
      return 'handled';
    });
  }

  private async claim(event: VerifiedSecurityEvent, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(RiscEventEntity)
      .values({
        jti: event.jti,
        eventType: event.event,
        subjectSub: event.subject.kind === 'account' ? event.subject.sub : null,
      })
      .orIgnore()
      .returning('jti')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  private log(event: VerifiedSecurityEvent, outcome: RiscOutcome): void {
    this.logger.log({
      msg: 'RISC event handled',
      event: event.event,
      jti: event.jti,
      userId: outcome.userId ?? null,
    });
  }
}
