import type { HttpInterceptorFn } from '@angular/common/http';
import { HttpErrorResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { SessionService } from '../auth/session.service';

/**
 * An admin API call answered 401 (the session ended, e.g. an admin ended their own sessions) or
 * 403 `forbidden` (demoted meanwhile) sends the admin to the sign-in or not-an-admin page.
 */
export const authRedirectInterceptor: HttpInterceptorFn = (request, next) => {
  const router = inject(Router);
  const session = inject(SessionService);
  return next(request).pipe(
    catchError((failure: unknown) => {
      if (failure instanceof HttpErrorResponse && request.url.startsWith('/api/admin/')) {
        if (failure.status === 401) {
          session.forget();
          void router.navigate(['/sign-in'], { queryParams: { returnTo: router.url } });
        } else if (
          failure.status === 403 &&
          (failure.error as { error?: unknown } | null)?.error === 'forbidden'
        ) {
          session.forget();
          void router.navigate(['/not-admin']);
        }
      }
      return throwError(() => failure);
    }),
  );
};
