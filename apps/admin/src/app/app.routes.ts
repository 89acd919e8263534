import type { Routes } from '@angular/router';
import { adminGuard } from './auth/admin.guard';

export const routes: Routes = [
  {
    path: 'sign-in',
    title: 'Sign in · Grantkeeper admin',
    loadComponent: () => import('./auth/sign-in.page').then((m) => m.SignInPage),
  },
  {
    path: 'not-admin',
    title: 'Not an admin · Grantkeeper admin',
    loadComponent: () => import('./auth/not-admin.page').then((m) => m.NotAdminPage),
  },
  {
    path: '',
    canActivate: [adminGuard],
    loadComponent: () => import('./shell/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'overview' },
      {
        path: 'overview',
        title: 'Overview · Grantkeeper admin',
        loadComponent: () =>
          import('./features/overview/overview.page').then((m) => m.OverviewPage),
      },
      {
        path: 'users',
        loadChildren: () => import('./features/users/users.routes').then((m) => m.USERS_ROUTES),
      },
      {
        path: 'grants',
        loadChildren: () => import('./features/grants/grants.routes').then((m) => m.GRANTS_ROUTES),
      },
      {
        path: 'service-clients',
        loadChildren: () =>
          import('./features/service-clients/service-clients.routes').then(
            (m) => m.SERVICE_CLIENTS_ROUTES,
          ),
      },
      {
        path: 'disclosures',
        title: 'Disclosures · Grantkeeper admin',
        loadComponent: () =>
          import('./features/disclosures/disclosures.page').then((m) => m.DisclosuresPage),
      },
      {
        path: 'audit',
        title: 'Audit · Grantkeeper admin',
        loadComponent: () => import('./features/audit/audit.page').then((m) => m.AuditPage),
      },
      {
        path: 'jobs',
        title: 'Jobs · Grantkeeper admin',
        loadComponent: () => import('./features/jobs/jobs.page').then((m) => m.JobsPage),
      },
      {
        path: 'vault',
        title: 'Vault keys · Grantkeeper admin',
        loadComponent: () => import('./features/vault/vault.page').then((m) => m.VaultPage),
      },
      {
        path: '**',
        title: 'Not found · Grantkeeper admin',
        loadComponent: () => import('./shell/not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
