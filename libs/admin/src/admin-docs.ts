import { applyDecorators, Controller } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { RequireRole, SameSiteRequest } from '@grantkeeper/identity';

/** An admin API controller: admins only, CSRF-checked writes, documented under `admin`. */
export function AdminController(path: string): ClassDecorator {
  return applyDecorators(
    Controller(`api/admin/${path}`.replace(/\/$/, '')),
    RequireRole('admin'),
    SameSiteRequest(),
    ApiTags('admin'),
    ApiCookieAuth(),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      description:
        '`authentication_required`, `session_invalid`: not signed in; with a Bearer ID token, why it was refused (`expired`, `wrong_audience`, …).',
    }),
    ApiForbiddenResponse({
      description:
        '`forbidden`: not an admin; `cross_site_request`: a write with the session cookie that did not come from the dashboard.',
    }),
  );
}

/** The header state-changing requests with the session cookie must carry. */
export const RequestedWith = (): MethodDecorator =>
  ApiHeader({
    name: 'X-Requested-With',
    required: false,
    description: '`XmlHttpRequest`; required on writes made with the session cookie.',
  });
