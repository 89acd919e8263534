import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { apiErrorOf } from '../../api/api-error';
import type { Disclosure, ServiceClientSummary } from '../../api/api-types';
import { type DisclosureFilter, DisclosuresApi } from '../../api/disclosures-api.service';
import { ServiceClientsApi } from '../../api/service-clients-api.service';
import { UsersApi } from '../../api/users-api.service';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { labelOf, shortScope } from '../../shared/labels';
import { PagedList } from '../../shared/load-state';
import { UrlQuery } from '../../shared/url-query';
import {
  type DisclosureForm,
  EMPTY_DISCLOSURE_FORM,
  disclosureFilterOf,
} from './disclosure-filter';

const PAGE_SIZE = 50;

/**
 * Every read of users' Google access by a service, given or refused, newest first: by client,
 * user, outcome, refusal, purpose and time, in keyset pages, with the CSV of the same filters.
 * The filters live in the URL, so the user and client pages link here.
 */
@Component({
  selector: 'gk-disclosures-page',
  imports: [
    DatePipe,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    RouterLink,
    ApiErrorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './disclosures.page.html',
  styles: `
    td details summary {
      cursor: pointer;
      color: var(--mat-sys-primary);
    }
    /* Open, the row's details take the room they need: a fingerprint is 50 characters. */
    td details[open] {
      min-width: 30em;
    }
    td details dl {
      margin-top: 4px;
    }
    .refusal {
      display: block;
    }
    .nowrap,
    .refusal code,
    .purpose {
      white-space: nowrap;
    }
  `,
})
export class DisclosuresPage {
  private readonly api = inject(DisclosuresApi);
  private readonly users = inject(UsersApi);
  private readonly clientsApi = inject(ServiceClientsApi);
  protected readonly list = new PagedList<Disclosure>();
  protected readonly form: DisclosureForm = { ...EMPTY_DISCLOSURE_FORM };
  protected readonly clients = signal<readonly ServiceClientSummary[]>([]);
  /** The filter of the rows shown (the CSV link exports the same), or none while none applies. */
  private readonly applied = signal<DisclosureFilter | undefined>({});
  protected readonly csvUrl = computed(() => {
    const filter = this.applied();
    return filter ? this.api.csvUrl(filter) : undefined;
  });
  /** Said when the email names no user: then nothing is listed. */
  protected readonly noSuchUser = signal<string | undefined>(undefined);
  protected readonly columns = [
    'time',
    'client',
    'user',
    'purpose',
    'scopes',
    'outcome',
    'credential',
    'request',
  ];
  protected readonly labelOf = labelOf;
  protected readonly shortScope = shortScope;
  protected readonly url = new UrlQuery(this.form, EMPTY_DISCLOSURE_FORM, () => this.search());

  constructor() {
    // For the client filter's names; the page works without them (the id stays in the URL).
    this.clientsApi.list().then(
      (list) => this.clients.set(list.items),
      () => undefined,
    );
  }

  /** Whether the client of the URL is one of the list (else the select shows its id). */
  protected knowsClient(id: string): boolean {
    return this.clients().some((client) => client.id === id);
  }

  protected reset(): Promise<void> {
    Object.assign(this.form, EMPTY_DISCLOSURE_FORM);
    return this.url.apply();
  }

  private async search(): Promise<void> {
    this.noSuchUser.set(undefined);
    const email = this.form.user.trim();
    let userId: string | undefined;
    if (email) {
      try {
        userId = await this.userIdOf(email);
      } catch (failure) {
        this.list.error.set(apiErrorOf(failure));
        return;
      }
      if (!userId) {
        this.noSuchUser.set(email);
        this.applied.set(undefined);
        this.list.clear();
        return;
      }
    }
    this.applied.set(disclosureFilterOf(this.form, userId));
    return this.list.load((cursor) => this.api.search(this.query(cursor)));
  }

  /** The id of the user with exactly this email (the users search matches parts too). */
  private async userIdOf(email: string): Promise<string | undefined> {
    const page = await this.users.search({ q: email, limit: 20 });
    return page.items.find((user) => user.email?.toLowerCase() === email.toLowerCase())?.id;
  }

  protected more(): Promise<void> {
    return this.list.load((cursor) => this.api.search(this.query(cursor)), true);
  }

  private query(cursor: string | undefined) {
    return { ...this.applied(), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
  }
}
