import type { Routes } from '@angular/router';

export const GRANTS_ROUTES: Routes = [
  {
    path: '',
    title: 'Grants · Grantkeeper admin',
    loadComponent: () => import('./grants.page').then((m) => m.GrantsPage),
  },
  {
    path: ':id',
    title: 'Grant · Grantkeeper admin',
    loadComponent: () => import('./grant-detail.page').then((m) => m.GrantDetailPage),
  },
];
