import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { type ApiError, apiErrorOf } from '../../api/api-error';
import { ServiceClientsApi } from '../../api/service-clients-api.service';
import { type ClientForm, clientBodyOf, clientFormOf } from './client-fields';
import { ServiceClientFormComponent } from './service-client-form.component';

/** Registers a service client; then its page, where its first key is made. */
@Component({
  selector: 'gk-service-client-new-page',
  imports: [RouterLink, ServiceClientFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <p><a routerLink="/service-clients">← Service clients</a></p>
      <h1 class="page-title">New service client</h1>
      <p class="muted">
        A service of another team that asks for users' Google tokens. Its API keys are made on its
        page once it is registered.
      </p>
      <gk-service-client-form
        label="New service client"
        submitLabel="Register"
        [form]="form"
        [busy]="busy()"
        [error]="error()"
        (save)="create($event)"
      />
    </section>
  `,
})
export class ServiceClientNewPage {
  private readonly api = inject(ServiceClientsApi);
  private readonly router = inject(Router);
  protected readonly form = clientFormOf();
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | undefined>(undefined);

  protected async create(form: ClientForm): Promise<void> {
    this.busy.set(true);
    this.error.set(undefined);
    try {
      const client = await this.api.create(clientBodyOf(form));
      await this.router.navigate(['/service-clients', client.id]);
    } catch (failure) {
      this.error.set(apiErrorOf(failure));
    } finally {
      this.busy.set(false);
    }
  }
}
