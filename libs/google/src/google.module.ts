import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@grantkeeper/config';
import { GmailSender } from './gmail-sender.js';
import type { GoogleEndpoints } from './google-endpoints.js';
import { GoogleHttpClient } from './google-http.client.js';
import { GoogleSigningKeys } from './google-signing-keys.js';
import { GoogleTokenEndpoint } from './google-token-endpoint.js';
import { RiscSigningKeys } from './risc-signing-keys.js';

/** Injection token of the configured {@link GoogleEndpoints}. */
export const GOOGLE_ENDPOINTS = Symbol('GOOGLE_ENDPOINTS');

/**
 * Every call to Google, real or emulated, on one HTTP client: the ID-token and RISC signing
 * keys, the token and revoke endpoints, and the Gmail send of the offline tasks. The modules
 * that use them keep what Google's answers mean for their own records.
 */
@Global()
@Module({
  providers: [
    {
      provide: GOOGLE_ENDPOINTS,
      inject: [ConfigService],
      useFactory: (config: ConfigService): GoogleEndpoints => config.get('google').urls,
    },
    {
      provide: GoogleHttpClient,
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        new GoogleHttpClient({ timeoutMs: config.get('google').httpTimeoutMs }),
    },
    {
      provide: GoogleSigningKeys,
      inject: [ConfigService, GoogleHttpClient],
      useFactory: (config: ConfigService, http: GoogleHttpClient) =>
        new GoogleSigningKeys({
          jwksUrl: config.get('google').urls.jwks,
          timeoutMs: config.get('google').httpTimeoutMs,
          refetchCooldownMs: config.get('google').certsMinRefreshMs,
          http,
        }),
    },
    {
      provide: RiscSigningKeys,
      inject: [ConfigService, GoogleHttpClient],
      useFactory: (config: ConfigService, http: GoogleHttpClient) => {
        const google = config.get('google');
        return new RiscSigningKeys({
          configurationUrl: google.risc.configurationUrl,
          jwksUrl: google.risc.jwksUrl,
          issuer: google.risc.issuer,
          timeoutMs: google.httpTimeoutMs,
          refetchCooldownMs: google.certsMinRefreshMs,
          http,
        });
      },
    },
    {
      provide: GoogleTokenEndpoint,
      inject: [ConfigService, GoogleHttpClient],
      useFactory: (config: ConfigService, http: GoogleHttpClient) => {
        const google = config.get('google');
        return new GoogleTokenEndpoint({
          clientId: google.webClientId,
          clientSecret: google.clientSecret,
          endpoints: google.urls,
          timeoutMs: google.httpTimeoutMs,
          http,
        });
      },
    },
    {
      provide: GmailSender,
      inject: [ConfigService, GoogleHttpClient],
      useFactory: (config: ConfigService, http: GoogleHttpClient) =>
        new GmailSender({ baseUrl: config.get('google').urls.gmail, http }),
    },
  ],
  exports: [
    GOOGLE_ENDPOINTS,
    GoogleHttpClient,
    GoogleSigningKeys,
    RiscSigningKeys,
    GoogleTokenEndpoint,
    GmailSender,
  ],
})
export class GoogleModule implements OnApplicationShutdown {
  constructor(private readonly http: GoogleHttpClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.http.close();
  }
}
