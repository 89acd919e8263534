import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One security event received from Google, by its `jti`. Google redelivers events it believes
 * were not received, so a `jti` seen before is answered 202 and acted on no further
 * (https://developers.google.com/identity/protocols/risc#duplicated_and_missed_events).
 */
@Entity({ name: 'risc_events' })
export class RiscEventEntity {
  @PrimaryColumn({ type: 'text' })
  jti!: string;

  /** Short name (`sessions-revoked`, `account-disabled`, …). */
  @Column({ type: 'text' })
  eventType!: string;

  /** Google's account id the event is about; null when it names a token instead. */
  @Column({ type: 'text', nullable: true })
  subjectSub!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
