import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditModule } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import { GoogleSigningKeys } from '@grantkeeper/google';
import { AuthController } from './auth.controller.js';
import { AuthenticationGuard } from './authentication.guard.js';
import { GoogleIdTokenVerifier } from './google-id-token.verifier.js';
import { MeController } from './me.controller.js';
import { PostgresThrottlerStorage } from './rate-limit/postgres-throttler.storage.js';
import { rateLimitThrottlers } from './rate-limit/rate-limits.js';
import { SessionEntity } from './session.entity.js';
import { SessionCookie } from './session-cookie.js';
import { SessionsService } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';
import { UserEntity } from './user.entity.js';
import { UserSearchService } from './user-search.service.js';
import { UsersService } from './users.service.js';
import { VerifiedTokenCache } from './verified-token.cache.js';

/** Entities owned by this module, for the composition root's data source. */
export const IDENTITY_ENTITIES = [UserEntity, SessionEntity];

@Module({
  imports: [
    TypeOrmModule.forFeature(IDENTITY_ENTITIES),
    AuditModule,
    // The one throttler configuration (ThrottlerModule is global): every named limit, counted in
    // PostgreSQL so that all instances share each bucket. Headers are RateLimitGuard's.
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, DataSource],
      useFactory: (config: ConfigService, dataSource: DataSource) => ({
        throttlers: rateLimitThrottlers(config.get('rateLimit')),
        storage: new PostgresThrottlerStorage(dataSource),
        setHeaders: false,
      }),
    }),
  ],
  controllers: [AuthController, MeController],
  providers: [
    {
      provide: VerifiedTokenCache,
      useFactory: () => new VerifiedTokenCache({ maxEntries: 10_000 }),
    },
    {
      provide: GoogleIdTokenVerifier,
      inject: [ConfigService, GoogleSigningKeys, VerifiedTokenCache],
      useFactory: (config: ConfigService, keys: GoogleSigningKeys, cache: VerifiedTokenCache) =>
        new GoogleIdTokenVerifier(
          {
            audiences: config.get('google').clientIds,
            hostedDomain: config.get('google').hostedDomain,
            allowServiceAccounts: config.get('google').allowServiceAccounts,
          },
          keys,
          cache,
        ),
    },
    UsersService,
    UserSearchService,
    SessionsService,
    SignInService,
    SessionCookie,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
  ],
  exports: [
    UsersService,
    UserSearchService,
    SessionsService,
    SignInService,
    SessionCookie,
    GoogleIdTokenVerifier,
  ],
})
export class IdentityModule {}
