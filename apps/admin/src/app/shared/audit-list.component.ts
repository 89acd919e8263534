import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AuditEvent } from '../api/api-types';

/** Audit events as a timeline: when, who, what, and the details the event recorded. */
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
            <span class="what">{{ event.action }}</span>
            <span class="muted">
              · {{ event.occurredAt | date: 'medium' }} · by
              <span class="actor"
                >{{ event.actorKind }}{{ event.actorId ? ':' + event.actorId : '' }}</span
              >
            </span>
            @if (event.subjectUserId && showLinks()) {
              · <a [routerLink]="['/users', event.subjectUserId]">user</a>
            }
            @if (event.grantId && showLinks()) {
              · <a [routerLink]="['/grants', event.grantId]">grant</a>
            }
            @if (hasDetails(event)) {
              <pre class="mono">{{ event.details | json }}</pre>
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

  protected hasDetails(event: AuditEvent): boolean {
    return Object.keys(event.details).length > 0;
  }
}
