import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type ApiError, hintFor } from '../api/api-error';

/** An API error, readable: the message, what to do about it, and the code and status for support. */
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
  `,
  template: `
    @if (error(); as error) {
      <div class="error" role="alert" [attr.data-error-code]="error.error">
        <p class="message">{{ error.message }}</p>
        @if (hint(); as hint) {
          <p class="hint">{{ hint }}</p>
        }
        <p class="code mono">
          {{ error.error }}
          @if (error.statusCode) {
            · HTTP {{ error.statusCode }}
          }
        </p>
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
