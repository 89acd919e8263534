import type { Routes } from '@angular/router';

export const USERS_ROUTES: Routes = [
  {
    path: '',
    title: 'Users · Grantkeeper admin',
    loadComponent: () => import('./users.page').then((m) => m.UsersPage),
  },
  {
    path: ':id',
    title: 'User · Grantkeeper admin',
    loadComponent: () => import('./user-detail.page').then((m) => m.UserDetailPage),
  },
];
