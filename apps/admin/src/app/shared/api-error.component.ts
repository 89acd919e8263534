import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type ApiError, hintFor } from '../api/api-error';

/**
 * An API error, readable: the message, what to do about it, and (for answers from the server) the
 * code and status for support.
 */
@Component({
  selector: 'gk-api-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .error {
      border-left: 4px solid var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      padding: 8px 12px;
      margin: 8px 0;
      border-radius: 4px;
    }
    p {
      margin: 4px 0;
    }
    ul.details {
      margin: 4px 0;
      padding-left: 20px;
    }
    .code {
      font-size: 12px;
    }
  `,
  template: `
    @if (error(); as error) {
      <div class="error" role="alert" [attr.data-error-code]="error.error">
        <p class="message">{{ error.message }}</p>
        @if (error.details?.length) {
          <ul class="details">
            @for (detail of error.details; track $index) {
              <li>{{ detail }}</li>
            }
          </ul>
        }
        @if (hint(); as hint) {
          <p class="hint">{{ hint }}</p>
        }
        @if (error.statusCode) {
          <!-- For support: the server's stable code. A check made here, before any request, has none. -->
          <p class="code muted">Code {{ error.error }} · HTTP {{ error.statusCode }}</p>
        }
      </div>
    }
  `,
})
export class ApiErrorComponent {
  readonly error = input<ApiError | undefined>();
  protected readonly hint = computed(() => {
    const error = this.error();
    return error ? hintFor(error) : undefined;
  });
}
