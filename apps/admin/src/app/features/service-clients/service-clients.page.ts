import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { ServiceClientList } from '../../api/api-types';
import { ServiceClientsApi } from '../../api/service-clients-api.service';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { shortScope } from '../../shared/labels';
import { LoadState } from '../../shared/load-state';
import { ScopeKillSwitchesComponent } from './scope-kill-switches.component';

/**
 * Every registered service client, by name; "New service client" registers one. Below, the scope
 * kill switches (incidents: no token with a scope, for any client).
 */
@Component({
  selector: 'gk-service-clients-page',
  imports: [
    DatePipe,
    MatButtonModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    ApiErrorComponent,
    ScopeKillSwitchesComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <h1 class="page-title">Service clients</h1>
      <p class="muted">
        Other teams' services that ask for users' Google tokens with an API key. Each read is a
        <a routerLink="/disclosures">disclosure</a>.
      </p>
      <div class="actions">
        <a mat-flat-button routerLink="/service-clients/new">New service client</a>
      </div>
      @if (clients.loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading service clients" />
      }
      <gk-api-error [error]="clients.error()" />
      @if (clients.value(); as list) {
        @if (list.items.length === 0) {
          <p class="muted" role="status" id="no-clients">
            No service client is registered yet. Register one to give a service an API key.
          </p>
        } @else {
          <p class="muted list-count" role="status">
            {{ list.items.length }} {{ list.items.length === 1 ? 'client' : 'clients' }}
          </p>
          <div class="table-wrap">
            <table mat-table [dataSource]="list.items" aria-label="Service clients">
              <ng-container matColumnDef="name">
                <th mat-header-cell *matHeaderCellDef>Name</th>
                <td mat-cell *matCellDef="let client">
                  <a [routerLink]="['/service-clients', client.id]">{{ client.name }}</a>
                </td>
              </ng-container>
              <ng-container matColumnDef="team">
                <th mat-header-cell *matHeaderCellDef>Team</th>
                <td mat-cell *matCellDef="let client">{{ client.team }}</td>
              </ng-container>
              <ng-container matColumnDef="status">
                <th mat-header-cell *matHeaderCellDef>Status</th>
                <td mat-cell *matCellDef="let client">
                  <span class="status status-{{ client.status }}">{{ client.status }}</span>
                </td>
              </ng-container>
              <ng-container matColumnDef="scopes">
                <th mat-header-cell *matHeaderCellDef>Allowed scopes</th>
                <td mat-cell *matCellDef="let client" class="scopes">
                  @for (scope of client.allowedScopes; track scope) {
                    <span class="mono scope" [attr.title]="scope">{{ shortScope(scope) }}</span>
                  } @empty {
                    —
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="keys">
                <th mat-header-cell *matHeaderCellDef>Active keys</th>
                <td mat-cell *matCellDef="let client" class="active-keys">
                  {{ client.activeKeys }}
                </td>
              </ng-container>
              <ng-container matColumnDef="lastUsed">
                <th mat-header-cell *matHeaderCellDef>Last used</th>
                <td mat-cell *matCellDef="let client">
                  {{
                    client.lastUsedAt ? (client.lastUsedAt | date: 'MMM d, y, HH:mm z') : 'never'
                  }}
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let row; columns: columns"></tr>
            </table>
          </div>
        }
      }
      <gk-scope-kill-switches />
    </section>
  `,
})
export class ServiceClientsPage {
  private readonly api = inject(ServiceClientsApi);
  protected readonly clients = new LoadState<ServiceClientList>();
  protected readonly columns = ['name', 'team', 'status', 'scopes', 'keys', 'lastUsed'];
  protected readonly shortScope = shortScope;

  constructor() {
    void this.clients.run(() => this.api.list());
  }
}
