import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { authRedirectInterceptor } from './api/auth-redirect.interceptor';
import { requestedWithInterceptor } from './api/requested-with.interceptor';
import { routes } from './app.routes';
import { registerIcons } from './icons';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withInterceptors([requestedWithInterceptor, authRedirectInterceptor])),
    provideAppInitializer(registerIcons),
  ],
};
