import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
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
import { GrantsApi } from '../../api/grants-api.service';
import { UsersApi } from '../../api/users-api.service';
import { SessionService } from '../../auth/session.service';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { AuditListComponent } from '../../shared/audit-list.component';
import { deviceOf } from '../../shared/device';
import { shortScope } from '../../shared/labels';
import { LoadState } from '../../shared/load-state';
import { ReasonDialog } from '../../shared/reason-dialog.service';
import { describeTaskError, taskHealth } from '../../shared/task-health';

/**
 * One user: profile, sessions, grant, tasks, recent audit; end sessions; revoke the grant; change
 * the role (your own only after a confirmation; a bootstrap admin's not at all).
 */
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
  private readonly grants = inject(GrantsApi);
  private readonly session = inject(SessionService);
  private readonly dialog = inject(ReasonDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly detail = new LoadState<AdminUserDetail>();
  protected readonly taskHealth = taskHealth;
  protected readonly describeTaskError = describeTaskError;
  protected readonly role = signal<UserProfile['role']>('user');
  protected readonly roleError = signal<ApiError | undefined>(undefined);
  protected readonly sessionsError = signal<ApiError | undefined>(undefined);
  protected readonly grantError = signal<ApiError | undefined>(undefined);
  protected readonly saving = signal(false);
  protected readonly deviceOf = deviceOf;
  protected readonly shortScope = shortScope;
  /** Whether this page is the signed-in admin's own. */
  protected readonly isMe = computed(() => this.session.user()?.id === this.id());

  constructor() {
    effect(() => void this.load(this.id()));
  }

  private async load(id: string): Promise<void> {
    const detail = await this.detail.run(() => this.api.detail(id));
    if (detail) this.role.set(detail.profile.role);
  }

  protected async saveRole(): Promise<void> {
    if (this.isMe() && !(await this.confirmOwnRole())) {
      const current = this.detail.value()?.profile.role;
      if (current) this.role.set(current);
      return;
    }
    this.saving.set(true);
    this.roleError.set(undefined);
    try {
      const profile = await this.api.setRole(this.id(), this.role());
      this.snackBar.open(`Role is now ${profile.role}.`, 'OK', { duration: 4000 });
      if (this.isMe()) this.session.forget();
      await this.load(this.id());
    } catch (failure) {
      this.roleError.set(apiErrorOf(failure));
      const current = this.detail.value()?.profile.role;
      if (current) this.role.set(current);
    } finally {
      this.saving.set(false);
    }
  }

  private async confirmOwnRole(): Promise<boolean> {
    const demoting = this.role() !== 'admin';
    const answer = await this.dialog.ask({
      title: demoting ? 'Give up your admin role?' : 'Change your own role?',
      message: demoting
        ? 'You lose access to this dashboard as soon as you save; another admin has to promote you again.'
        : `Your role becomes ${this.role()}.`,
      confirmLabel: demoting ? 'Demote myself' : 'Change my role',
      requireReason: false,
    });
    return answer !== undefined;
  }

  protected async revokeGrant(): Promise<void> {
    const user = this.detail.value();
    if (!user?.grantId) return;
    const reason = await this.dialog.ask({
      title: 'Revoke this grant?',
      message: `Offline access of ${user.profile.email ?? user.profile.sub} ends here at once and is revoked at Google; their tasks pause until they consent again.`,
      confirmLabel: 'Revoke',
    });
    if (reason === undefined) return;
    this.grantError.set(undefined);
    try {
      await this.grants.revoke(user.grantId, reason);
      this.snackBar.open('Grant revoked.', 'OK', { duration: 4000 });
      await this.load(this.id());
    } catch (failure) {
      this.grantError.set(apiErrorOf(failure));
    }
  }

  protected async endSession(session: AdminUserDetail['sessions'][number]): Promise<void> {
    const device = deviceOf(session.userAgent);
    const confirmed = await this.dialog.ask({
      title: `End the session on ${device}?`,
      message: this.isMe()
        ? 'That device is signed out and has to sign in again. If it is this browser, you are signed out.'
        : 'That device is signed out and has to sign in again; the other sessions stay.',
      confirmLabel: 'End session',
      requireReason: false,
    });
    if (confirmed === undefined) return;
    this.sessionsError.set(undefined);
    try {
      await this.api.endSession(this.id(), session.id);
      this.snackBar.open(`Session on ${device} ended.`, 'OK', { duration: 4000 });
    } catch (failure) {
      this.sessionsError.set(apiErrorOf(failure));
    }
    // Either way the list is read again: a 404 means it had ended already.
    await this.load(this.id());
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
      this.snackBar.open(`${revoked} ${revoked === 1 ? 'session' : 'sessions'} ended.`, 'OK', {
        duration: 4000,
      });
      await this.load(this.id());
    } catch (failure) {
      this.sessionsError.set(apiErrorOf(failure));
    }
  }
}
