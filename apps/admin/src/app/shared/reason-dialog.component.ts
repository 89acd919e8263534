import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

export interface ReasonDialogData {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  /** False for confirmations the API records without a reason (ending sessions, a retry). */
  readonly requireReason?: boolean;
}

/** The API's limits on a revocation reason (RevokeGrantDto, BulkRevokeDto). */
export const REASON_MIN = 3;
export const REASON_MAX = 500;

/**
 * Confirms a destructive action and asks why: every revoke carries a reason for the audit log.
 * Closes with the trimmed reason, or with nothing when cancelled.
 */
@Component({
  selector: 'gk-reason-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    mat-form-field {
      width: 100%;
    }
  `,
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()">
      <mat-dialog-content>
        <p>{{ data.message }}</p>
        @if (data.requireReason !== false) {
          <mat-form-field appearance="outline">
            <mat-label>Reason (for the audit log)</mat-label>
            <textarea
              matInput
              name="reason"
              formControlName="reason"
              required
              [attr.minlength]="min"
              [maxlength]="max"
              rows="3"
              cdkFocusInitial
            ></textarea>
            <mat-hint align="end">{{ reason.value.length }} / {{ max }}</mat-hint>
            @if (reason.hasError('required') || reason.hasError('minlength')) {
              <mat-error>Say why, in {{ min }} to {{ max }} characters.</mat-error>
            }
          </mat-form-field>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button
          mat-flat-button
          type="submit"
          class="confirm"
          [disabled]="needsReason && reason.invalid"
        >
          {{ data.confirmLabel }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ReasonDialogComponent {
  protected readonly data = inject<ReasonDialogData>(MAT_DIALOG_DATA);
  private readonly dialog = inject(MatDialogRef<ReasonDialogComponent, string>);
  protected readonly min = REASON_MIN;
  protected readonly max = REASON_MAX;
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [
      (control) => Validators.required(control),
      (control) =>
        (control.value as string).trim().length < REASON_MIN ? { minlength: true } : null,
      Validators.maxLength(REASON_MAX),
    ],
  });

  protected readonly form = new FormGroup({ reason: this.reason });
  protected readonly needsReason = this.data.requireReason !== false;

  protected confirm(): void {
    if (this.needsReason && this.reason.invalid) {
      this.reason.markAsTouched();
      return;
    }
    this.dialog.close(this.reason.value.trim());
  }
}
