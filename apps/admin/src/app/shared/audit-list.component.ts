import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AuditEvent } from '../api/api-types';
import { actorOf, sentenceOf } from './audit-sentence';

/**
 * Audit events as a timeline: what happened as a sentence, when, who (email, id on hover), and
 * the details the event recorded one click away.
 */
@Component({
  selector: 'gk-audit-list',
  imports: [DatePipe, JsonPipe, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    ol {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    li {
      border-left: 2px solid var(--mat-sys-outline-variant);
      padding: 4px 0 8px 12px;
    }
    .what {
      font-weight: 500;
    }
    .action {
      font-size: 12px;
    }
    details summary {
      cursor: pointer;
      font-size: 12px;
      color: var(--mat-sys-primary);
    }
    pre {
      margin: 4px 0 0;
      white-space: pre-wrap;
    }
  `,
  template: `
    @if (events().length) {
      <ol aria-label="Audit events">
        @for (event of events(); track event.id) {
          <li class="audit-event" [attr.data-action]="event.action">
            <div class="what sentence">{{ sentence(event) }}</div>
            <span class="muted">
              {{ event.occurredAt | date: 'MMM d, y, HH:mm z' }} · by
              <span class="actor" [attr.title]="actor(event).title">{{ actor(event).text }}</span>
              · <span class="action mono">{{ event.action }}</span>
            </span>
            @if (event.subjectUserId && showLinks()) {
              ·
              <a
                [routerLink]="['/users', event.subjectUserId]"
                [attr.title]="event.subjectUserId"
                >{{ event.subjectEmail ?? 'user' }}</a
              >
            }
            @if (event.grantId && showLinks()) {
              · <a [routerLink]="['/grants', event.grantId]">grant</a>
            }
            @if (hasDetails(event)) {
              <details>
                <summary>Details (JSON)</summary>
                <pre class="mono">{{ event.details | json }}</pre>
              </details>
            }
          </li>
        }
      </ol>
    } @else {
      <p class="muted">No events.</p>
    }
  `,
})
export class AuditListComponent {
  readonly events = input.required<readonly AuditEvent[]>();
  readonly showLinks = input(true);

  protected readonly sentence = sentenceOf;
  protected readonly actor = actorOf;

  protected hasDetails(event: AuditEvent): boolean {
    return Object.keys(event.details).length > 0;
  }
}
