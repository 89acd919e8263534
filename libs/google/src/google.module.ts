import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@grantkeeper/config';
import { OAuth2Client } from 'google-auth-library';
import type { GoogleEndpoints } from './google-endpoints.js';
import { createGoogleOAuthClient } from './google-oauth-client.factory.js';

/** Injection token of the configured {@link GoogleEndpoints}. */
export const GOOGLE_ENDPOINTS = Symbol('GOOGLE_ENDPOINTS');

/** One configured client for Google's endpoints, real or emulated. */
@Global()
@Module({
  providers: [
    {
      provide: GOOGLE_ENDPOINTS,
      inject: [ConfigService],
      useFactory: (config: ConfigService): GoogleEndpoints => config.get('google').urls,
    },
    {
      provide: OAuth2Client,
      inject: [ConfigService],
      useFactory: (config: ConfigService): OAuth2Client => {
        const google = config.get('google');
        return createGoogleOAuthClient({
          clientId: google.webClientId,
          clientSecret: google.clientSecret,
          endpoints: google.urls,
          timeoutMs: google.httpTimeoutMs,
        });
      },
    },
  ],
  exports: [GOOGLE_ENDPOINTS, OAuth2Client],
})
export class GoogleModule {}
