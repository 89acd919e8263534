import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { SessionService } from './session.service';

/** Admin pages: anonymous visitors go to sign-in (coming back here after), users to not-admin. */
export const adminGuard: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  const user = await inject(SessionService).load();
  if (!user) return router.createUrlTree(['/sign-in'], { queryParams: { returnTo: state.url } });
  if (user.role !== 'admin') return router.createUrlTree(['/not-admin']);
  return true;
};
