import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  NgZone,
  afterNextRender,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { ActivatedRoute, Router } from '@angular/router';
import { type ApiError, apiErrorOf } from '../api/api-error';
import { ApiErrorComponent } from '../shared/api-error.component';
import { GisLoader } from './gis-loader';
import { safeReturnPath } from './return-path';
import { SessionService } from './session.service';

/**
 * The dashboard's own sign-in page: Google's button, rendered by Google Identity Services as on
 * the public page, and the ID token posted to the same `POST /auth/google/id-token`. Staying in
 * the dashboard keeps the return path inside the Angular router (validated by safeReturnPath)
 * instead of teaching the public page about redirects.
 */
@Component({
  selector: 'gk-sign-in-page',
  imports: [MatCardModule, ApiErrorComponent],
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
      max-width: 440px;
      width: 100%;
    }
    .google-button {
      min-height: 44px;
      margin: 16px 0;
    }
  `,
  template: `
    <main>
      <mat-card appearance="outlined">
        <mat-card-header>
          <mat-card-title><h1 class="page-title">Grantkeeper admin</h1></mat-card-title>
          <mat-card-subtitle>Sign in with your Google account to continue.</mat-card-subtitle>
        </mat-card-header>
        <mat-card-content>
          <div
            #button
            class="google-button"
            id="google-button"
            aria-label="Sign in with Google"
          ></div>
          @if (busy()) {
            <p role="status">Signing in…</p>
          }
          <gk-api-error [error]="error()" />
          <p class="muted">
            Only admins can use the dashboard; everyone else has their own page at
            <a href="/account">/account</a>.
          </p>
        </mat-card-content>
      </mat-card>
    </main>
  `,
})
export class SignInPage {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly gis = inject(GisLoader);
  private readonly zone = inject(NgZone);
  private readonly button = viewChild.required<ElementRef<HTMLElement>>('button');
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | undefined>(undefined);

  constructor() {
    afterNextRender(() => void this.start());
  }

  private returnPath(): string {
    return safeReturnPath(this.route.snapshot.queryParamMap.get('returnTo'));
  }

  private async start(): Promise<void> {
    try {
      const user = await this.session.load();
      if (user) {
        await this.router.navigateByUrl(user.role === 'admin' ? this.returnPath() : '/not-admin');
        return;
      }
      const id = await this.gis.load();
      id.initialize({
        client_id: this.gis.meta('gk-client-id'),
        ux_mode: 'popup',
        context: 'signin',
        callback: (response) => this.zone.run(() => void this.onCredential(response.credential)),
      });
      id.renderButton(this.button().nativeElement, {
        type: 'standard',
        theme: 'outline',
        size: 'large',
        text: 'signin_with',
        shape: 'rectangular',
        logo_alignment: 'left',
      });
    } catch (failure) {
      this.error.set(apiErrorOf(failure));
    }
  }

  private async onCredential(credential: string | undefined): Promise<void> {
    if (!credential) return;
    this.busy.set(true);
    this.error.set(undefined);
    try {
      const user = await this.session.signIn(credential);
      await this.router.navigateByUrl(user?.role === 'admin' ? this.returnPath() : '/not-admin');
    } catch (failure) {
      this.error.set(apiErrorOf(failure));
    } finally {
      this.busy.set(false);
    }
  }
}
