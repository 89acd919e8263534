import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ApiError } from '../../api/api-error';
import { ApiErrorComponent } from '../../shared/api-error.component';
import {
  CLIENT_FIELDS,
  type ClientField,
  type ClientForm,
  type PurposeRow,
  fieldErrors,
} from './client-fields';

/**
 * The service client form, built from {@link CLIENT_FIELDS}: the create page and the detail
 * page's edit card. The API checks the values; its 400's details show under the fields they
 * are about (and all of them in the error above the button).
 */
@Component({
  selector: 'gk-service-client-form',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ApiErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    form {
      display: grid;
      gap: 4px;
      max-width: 720px;
    }
    mat-form-field {
      width: 100%;
    }
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 4px;
      padding: 8px 12px;
      margin: 0 0 16px;
    }
    legend {
      padding: 0 4px;
      color: var(--mat-sys-on-surface-variant);
    }
    .purpose {
      display: grid;
      grid-template-columns: minmax(120px, 1fr) minmax(160px, 2fr) auto;
      gap: 0 8px;
      align-items: baseline;
    }
    @media (max-width: 600px) {
      .purpose {
        grid-template-columns: 1fr;
      }
    }
    .field-error {
      color: var(--mat-sys-error);
      font-size: 12px;
      margin: 4px 0 12px 16px;
    }
  `,
  template: `
    <form (ngSubmit)="save.emit(form())" [attr.aria-label]="label()">
      @for (field of fields; track field.key) {
        @switch (field.kind) {
          @case ('purposes') {
            <fieldset [attr.data-field]="field.key">
              <legend>{{ field.label }}</legend>
              <p class="muted">{{ field.hint }}</p>
              @for (row of rowsOf(field); track $index) {
                <div class="purpose">
                  <mat-form-field appearance="outline">
                    <mat-label>Purpose id</mat-label>
                    <input
                      matInput
                      [name]="field.key + '-id-' + $index"
                      [(ngModel)]="row.id"
                      placeholder="weekly-digest"
                      autocomplete="off"
                    />
                  </mat-form-field>
                  <mat-form-field appearance="outline">
                    <mat-label>Feature, as users read it</mat-label>
                    <input
                      matInput
                      [name]="field.key + '-feature-' + $index"
                      [(ngModel)]="row.feature"
                      placeholder="Your weekly digest"
                      autocomplete="off"
                    />
                  </mat-form-field>
                  <button
                    mat-button
                    type="button"
                    (click)="removeRow(field, $index)"
                    [attr.aria-label]="'Remove purpose ' + ($index + 1)"
                  >
                    Remove
                  </button>
                </div>
              }
              <button mat-stroked-button type="button" (click)="addRow(field)">Add purpose</button>
            </fieldset>
          }
          @case ('lines') {
            <mat-form-field appearance="outline" [attr.data-field]="field.key">
              <mat-label>{{ field.label }}</mat-label>
              <textarea
                matInput
                [name]="field.key"
                [(ngModel)]="form()[field.key]"
                [placeholder]="field.placeholder ?? ''"
                rows="3"
              ></textarea>
              @if (field.hint) {
                <mat-hint>{{ field.hint }}</mat-hint>
              }
            </mat-form-field>
          }
          @default {
            <mat-form-field appearance="outline" [attr.data-field]="field.key">
              <mat-label>{{ field.label }}</mat-label>
              <input
                matInput
                [name]="field.key"
                [(ngModel)]="form()[field.key]"
                [placeholder]="field.placeholder ?? ''"
                [required]="field.required ?? false"
                autocomplete="off"
              />
              @if (field.hint) {
                <mat-hint>{{ field.hint }}</mat-hint>
              }
            </mat-form-field>
          }
        }
        @for (message of errorsOf(field); track message) {
          <p class="field-error" [attr.data-error-for]="field.key">{{ message }}</p>
        }
      }
      <gk-api-error [error]="error()" />
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="busy()">{{ submitLabel() }}</button>
      </div>
    </form>
  `,
})
export class ServiceClientFormComponent {
  /** The values, edited in place. */
  readonly form = input.required<ClientForm>();
  readonly label = input('Service client');
  readonly submitLabel = input('Save');
  readonly busy = input(false);
  readonly error = input<ApiError | undefined>();
  readonly save = output<ClientForm>();
  protected readonly fields = CLIENT_FIELDS;
  private readonly details = computed(() => this.error()?.details);

  protected errorsOf(field: ClientField): string[] {
    return fieldErrors(field, this.details());
  }

  protected rowsOf(field: ClientField): PurposeRow[] {
    const rows = this.form()[field.key];
    return Array.isArray(rows) ? rows : [];
  }

  protected addRow(field: ClientField): void {
    this.form()[field.key] = [...this.rowsOf(field), { id: '', feature: '' }];
  }

  protected removeRow(field: ClientField, index: number): void {
    this.form()[field.key] = this.rowsOf(field).filter((_, i) => i !== index);
  }
}
