import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';

/** An address inside the dashboard that names no page: say so, rather than redirect silently. */
@Component({
  selector: 'gk-not-found-page',
  imports: [MatButtonModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <h1 class="page-title">Page not found</h1>
      <p id="not-found-message">
        There is no page at <code>/admin{{ path }}</code
        >. The link may be old or mistyped.
      </p>
      <div class="actions">
        <a mat-flat-button routerLink="/overview">Go to the overview</a>
      </div>
    </section>
  `,
})
export class NotFoundPage {
  protected readonly path = inject(Router).url;
}
