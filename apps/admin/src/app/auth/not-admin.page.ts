import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { Router } from '@angular/router';
import { type ApiError, apiErrorOf } from '../api/api-error';
import { ApiErrorComponent } from '../shared/api-error.component';
import { SessionService } from './session.service';

/** A signed-in user without the admin role: say so plainly, and offer the way out. */
@Component({
  selector: 'gk-not-admin-page',
  imports: [MatButtonModule, MatCardModule, ApiErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: grid;
      place-items: center;
      min-height: 100vh;
      padding: 16px;
      box-sizing: border-box;
    }
    mat-card {
      max-width: 480px;
    }
  `,
  template: `
    <main>
      <mat-card appearance="outlined">
        <mat-card-header>
          <mat-card-title><h1 class="page-title">You are not an admin</h1></mat-card-title>
        </mat-card-header>
        <mat-card-content>
          <p id="not-admin-message">
            @if (session.user(); as user) {
              You are signed in as <strong>{{ user.email ?? user.name ?? user.sub }}</strong>, which
              has the <strong>{{ user.role }}</strong> role.
            } @else {
              You are not signed in with an admin account.
            }
            The dashboard is for admins only. Ask an admin to promote your account, or sign in with
            another one.
          </p>
          <gk-api-error [error]="error()" />
        </mat-card-content>
        <mat-card-actions>
          <a mat-button href="/account">Your account</a>
          <button mat-flat-button type="button" (click)="signOut()">Sign out</button>
        </mat-card-actions>
      </mat-card>
    </main>
  `,
})
export class NotAdminPage {
  protected readonly session = inject(SessionService);
  private readonly router = inject(Router);
  protected readonly error = signal<ApiError | undefined>(undefined);

  constructor() {
    void this.session.load().catch((failure: unknown) => this.error.set(apiErrorOf(failure)));
  }

  protected async signOut(): Promise<void> {
    try {
      await this.session.signOut();
      await this.router.navigate(['/sign-in']);
    } catch (failure) {
      this.error.set(apiErrorOf(failure));
    }
  }
}
