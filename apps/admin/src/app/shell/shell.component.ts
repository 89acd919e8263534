import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { type ApiError, apiErrorOf } from '../api/api-error';
import { SessionService } from '../auth/session.service';
import { ApiErrorComponent } from '../shared/api-error.component';

const NAV = [
  { path: '/overview', label: 'Overview' },
  { path: '/users', label: 'Users' },
  { path: '/grants', label: 'Grants' },
  { path: '/service-clients', label: 'Service clients' },
  { path: '/disclosures', label: 'Disclosures' },
  { path: '/audit', label: 'Audit log' },
  { path: '/jobs', label: 'Jobs' },
  { path: '/vault', label: 'Vault keys' },
] as const;

/** The frame of every admin page: toolbar, navigation (a menu below 1024 px), the page. */
@Component({
  selector: 'gk-shell',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatListModule,
    MatSidenavModule,
    MatToolbarModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    ApiErrorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  protected readonly session = inject(SessionService);
  private readonly router = inject(Router);
  protected readonly nav = NAV;
  protected readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 1023.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly menuOpen = signal(false);
  protected readonly error = signal<ApiError | undefined>(undefined);

  protected navigated(): void {
    if (this.compact()) this.menuOpen.set(false);
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
