import type { Routes } from '@angular/router';

export const SERVICE_CLIENTS_ROUTES: Routes = [
  {
    path: '',
    title: 'Service clients · Grantkeeper admin',
    loadComponent: () => import('./service-clients.page').then((m) => m.ServiceClientsPage),
  },
  {
    path: 'new',
    title: 'New service client · Grantkeeper admin',
    loadComponent: () => import('./service-client-new.page').then((m) => m.ServiceClientNewPage),
  },
  {
    path: ':id',
    title: 'Service client · Grantkeeper admin',
    loadComponent: () =>
      import('./service-client-detail.page').then((m) => m.ServiceClientDetailPage),
  },
];
