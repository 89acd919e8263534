import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { type ApiError, apiErrorOf } from '../../api/api-error';
import type { AdminUserDetail, UserProfile } from '../../api/api-types';
import { UsersApi } from '../../api/users-api.service';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { AuditListComponent } from '../../shared/audit-list.component';
import { LoadState } from '../../shared/load-state';
import { ReasonDialog } from '../../shared/reason-dialog.service';
import { describeTaskError, taskHealth } from '../../shared/task-health';

/** One user: profile, sessions, grant, tasks, recent audit; end sessions; change the role. */
@Component({
  selector: 'gk-user-detail-page',
  imports: [
    DatePipe,
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    RouterLink,
    ApiErrorComponent,
    AuditListComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-detail.page.html',
})
export class UserDetailPage {
  readonly id = input.required<string>();
  private readonly api = inject(UsersApi);
  private readonly dialog = inject(ReasonDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly detail = new LoadState<AdminUserDetail>();
  protected readonly taskHealth = taskHealth;
  protected readonly describeTaskError = describeTaskError;
  protected readonly role = signal<UserProfile['role']>('user');
  protected readonly roleError = signal<ApiError | undefined>(undefined);
  protected readonly sessionsError = signal<ApiError | undefined>(undefined);
  protected readonly saving = signal(false);

  constructor() {
    effect(() => void this.load(this.id()));
  }

  private async load(id: string): Promise<void> {
    const detail = await this.detail.run(() => this.api.detail(id));
    if (detail) this.role.set(detail.profile.role);
  }

  protected async saveRole(): Promise<void> {
    this.saving.set(true);
    this.roleError.set(undefined);
    try {
      const profile = await this.api.setRole(this.id(), this.role());
      this.snackBar.open(`Role is now ${profile.role}.`, 'OK', { duration: 4000 });
      await this.load(this.id());
    } catch (failure) {
      this.roleError.set(apiErrorOf(failure));
      const current = this.detail.value()?.profile.role;
      if (current) this.role.set(current);
    } finally {
      this.saving.set(false);
    }
  }

  protected async endSessions(): Promise<void> {
    const confirmed = await this.dialog.ask({
      title: 'End all sessions?',
      message: 'The user is signed out everywhere and has to sign in again.',
      confirmLabel: 'End sessions',
      requireReason: false,
    });
    if (confirmed === undefined) return;
    this.sessionsError.set(undefined);
    try {
      const { revoked } = await this.api.endSessions(this.id());
      this.snackBar.open(`${revoked} session(s) ended.`, 'OK', { duration: 4000 });
      await this.load(this.id());
    } catch (failure) {
      this.sessionsError.set(apiErrorOf(failure));
    }
  }
}
