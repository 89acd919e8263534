import type { HttpInterceptorFn } from '@angular/common/http';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes made with the session cookie must say they come from our own page: the api's same-site
 * guard wants `X-Requested-With: XmlHttpRequest` (and the browser's same-origin `Origin`).
 */
export const requestedWithInterceptor: HttpInterceptorFn = (request, next) =>
  next(
    SAFE_METHODS.has(request.method)
      ? request
      : request.clone({ setHeaders: { 'X-Requested-With': 'XmlHttpRequest' } }),
  );
