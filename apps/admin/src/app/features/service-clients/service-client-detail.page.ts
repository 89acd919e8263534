import { Clipboard } from '@angular/cdk/clipboard';
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
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { type ApiError, apiErrorOf } from '../../api/api-error';
import type { CreatedServiceKey, ServiceClientDetail, ServiceKey } from '../../api/api-types';
import { ServiceClientsApi } from '../../api/service-clients-api.service';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { LoadState } from '../../shared/load-state';
import { ReasonDialog } from '../../shared/reason-dialog.service';
import {
  API_KEY_SCOPES,
  type ApiKeyScope,
  DEFAULT_KEY_EXPIRY_DAYS,
  KEY_EXPIRY_DAYS,
  keyStateOf,
} from './api-key-scopes';
import { type ClientForm, clientBodyOf, clientFormOf } from './client-fields';
import { ServiceClientControlsComponent } from './service-client-controls.component';
import { ServiceClientFormComponent } from './service-client-form.component';

/**
 * A service client: its fields (edited with the same form as a new one), suspend or resume,
 * delete, its limits and kill switch, and its API keys: make one (its secret shown this once, on this page only) or revoke.
 */
@Component({
  selector: 'gk-service-client-detail-page',
  imports: [
    DatePipe,
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    RouterLink,
    ApiErrorComponent,
    ServiceClientFormComponent,
    ServiceClientControlsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './service-client-detail.page.html',
  styleUrl: './service-client-detail.page.scss',
})
export class ServiceClientDetailPage {
  readonly id = input.required<string>();
  private readonly api = inject(ServiceClientsApi);
  private readonly dialog = inject(ReasonDialog);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly clipboard = inject(Clipboard);
  protected readonly detail = new LoadState<ServiceClientDetail>();
  /** The edit form's values, set from the client each time it is loaded. */
  protected readonly form = signal<ClientForm>(clientFormOf());
  protected readonly saving = signal(false);
  protected readonly saveError = signal<ApiError | undefined>(undefined);
  protected readonly statusError = signal<ApiError | undefined>(undefined);
  protected readonly keysError = signal<ApiError | undefined>(undefined);
  protected readonly keyBusy = signal(false);
  /**
   * The key just made, with its secret: kept by this page only (no service, no storage), so it
   * is gone once the admin dismisses it or leaves the page.
   */
  protected readonly newKey = signal<CreatedServiceKey | undefined>(undefined);
  protected readonly apiScopes = Object.entries(API_KEY_SCOPES) as Array<[ApiKeyScope, string]>;
  protected readonly expiryChoices = KEY_EXPIRY_DAYS;
  protected readonly keyForm: { scopes: Record<ApiKeyScope, boolean>; expiresInDays: number } = {
    scopes: Object.fromEntries(this.apiScopes.map(([scope]) => [scope, true])) as Record<
      ApiKeyScope,
      boolean
    >,
    expiresInDays: DEFAULT_KEY_EXPIRY_DAYS,
  };
  protected readonly keyColumns = [
    'prefix',
    'state',
    'apiScopes',
    'created',
    'expires',
    'lastUsed',
    'actions',
  ];
  protected readonly liveKeys = computed(
    () => this.detail.value()?.keys.filter((key) => keyStateOf(key) === 'live').length ?? 0,
  );
  protected readonly keyStateOf = keyStateOf;

  constructor() {
    effect(() => void this.load(this.id()));
  }

  /** Reads the client and its keys again; the edit form too, unless `keepEdits`. */
  private async load(id: string, keepEdits = false): Promise<void> {
    const detail = await this.detail.run(() => this.api.detail(id));
    if (detail && !keepEdits) this.form.set(clientFormOf(detail.client));
  }

  protected async save(form: ClientForm): Promise<void> {
    this.saving.set(true);
    this.saveError.set(undefined);
    try {
      await this.api.update(this.id(), clientBodyOf(form));
      this.snackBar.open('Saved.', 'OK', { duration: 4000 });
      await this.load(this.id());
    } catch (failure) {
      this.saveError.set(apiErrorOf(failure));
    } finally {
      this.saving.set(false);
    }
  }

  /** Suspends (every call of its keys refused) or resumes the client, once confirmed. */
  protected async toggleStatus(): Promise<void> {
    const client = this.detail.value()?.client;
    if (!client) return;
    const suspending = client.status === 'active';
    const confirmed = await this.dialog.ask({
      title: suspending ? `Suspend ${client.name}?` : `Resume ${client.name}?`,
      message: suspending
        ? 'Every call with its keys is refused (401) until it is resumed; its keys stay.'
        : 'Its live keys work again at once.',
      confirmLabel: suspending ? 'Suspend' : 'Resume',
      requireReason: false,
    });
    if (confirmed === undefined) return;
    this.statusError.set(undefined);
    try {
      await this.api.update(this.id(), { status: suspending ? 'suspended' : 'active' });
      this.snackBar.open(suspending ? 'Suspended.' : 'Resumed.', 'OK', { duration: 4000 });
      await this.load(this.id());
    } catch (failure) {
      this.statusError.set(apiErrorOf(failure));
    }
  }

  protected async remove(): Promise<void> {
    const client = this.detail.value()?.client;
    if (!client) return;
    const live = this.liveKeys();
    const confirmed = await this.dialog.ask({
      title: `Delete ${client.name}?`,
      message:
        live === 0
          ? 'The client is deleted; it has no live key. Its disclosures stay on the record.'
          : `The client is deleted and its ${live === 1 ? 'live key is' : `${live} live keys are`} revoked at once: the service's calls fail from now on. Its disclosures stay on the record.`,
      confirmLabel: 'Delete and revoke keys',
      requireReason: false,
    });
    if (confirmed === undefined) return;
    this.statusError.set(undefined);
    try {
      await this.api.remove(this.id());
      this.snackBar.open(`${client.name} deleted.`, 'OK', { duration: 4000 });
      await this.router.navigate(['/service-clients']);
    } catch (failure) {
      this.statusError.set(apiErrorOf(failure));
    }
  }

  protected async createKey(): Promise<void> {
    this.keyBusy.set(true);
    this.keysError.set(undefined);
    this.newKey.set(undefined);
    try {
      const apiScopes = this.apiScopes
        .map(([scope]) => scope)
        .filter((scope) => this.keyForm.scopes[scope]);
      const key = await this.api.createKey(this.id(), {
        apiScopes,
        expiresInDays: Number(this.keyForm.expiresInDays),
      });
      this.newKey.set(key);
      await this.load(this.id(), true);
    } catch (failure) {
      this.keysError.set(apiErrorOf(failure));
    } finally {
      this.keyBusy.set(false);
    }
  }

  protected copyKey(): void {
    const key = this.newKey();
    if (!key) return;
    const copied = this.clipboard.copy(key.key);
    this.snackBar.open(copied ? 'Key copied.' : 'Could not copy: select it and copy.', 'OK', {
      duration: 4000,
    });
  }

  /** Forgets the secret: it cannot be shown again. */
  protected dismissKey(): void {
    this.newKey.set(undefined);
  }

  protected async revokeKey(key: ServiceKey): Promise<void> {
    const confirmed = await this.dialog.ask({
      title: `Revoke key ${key.lookupPrefix}…?`,
      message:
        'Every call with this key is refused within seconds. A service still using it stops working until it has a new key.',
      confirmLabel: 'Revoke key',
      requireReason: false,
    });
    if (confirmed === undefined) return;
    this.keysError.set(undefined);
    try {
      await this.api.revokeKey(this.id(), key.id);
      this.snackBar.open(`Key ${key.lookupPrefix}… revoked.`, 'OK', { duration: 4000 });
    } catch (failure) {
      this.keysError.set(apiErrorOf(failure));
    }
    await this.load(this.id(), true);
  }
}
