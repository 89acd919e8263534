import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { RequireRole } from '@grantkeeper/identity';
import { AdminCsrfGuard } from './admin-csrf.guard.js';

/** An admin API controller: admins only, CSRF-checked writes, documented under `admin`. */
export function AdminController(path: string): ClassDecorator {
  return applyDecorators(
    Controller(`api/admin/${path}`.replace(/\/$/, '')),
    RequireRole('admin'),
    UseGuards(AdminCsrfGuard),
    ApiTags('admin'),
    ApiCookieAuth(),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in.' }),
    ApiForbiddenResponse({ description: 'Not an admin, or a cross-site write.' }),
  );
}

/** The header state-changing requests with the session cookie must carry. */
export const RequestedWith = (): MethodDecorator =>
  ApiHeader({
    name: 'X-Requested-With',
    required: false,
    description: '`XmlHttpRequest`; required on writes made with the session cookie.',
  });
