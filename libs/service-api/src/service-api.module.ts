import { Module } from '@nestjs/common';
import { AuditModule } from '@grantkeeper/audit';
import { IdentityModule } from '@grantkeeper/identity';
import { OfflineAccessModule } from '@grantkeeper/offline-access';
import { ConsentRequestsController } from './consent-requests.controller.js';
import { ConsentRequestsService } from './consent-requests.service.js';
import { DisclosuresService } from './disclosures.service.js';
import { GrantLookupsController } from './grant-lookups.controller.js';
import { ServiceAuthGuard } from './service-auth.guard.js';
import { ServiceClientsService } from './service-clients.service.js';
import { CheckedCredentials } from './checked-credentials.js';
import { ServiceCredentials } from './service-credentials.js';
import { TokenIssuanceService } from './token-issuance.service.js';
import { TokensController } from './tokens.controller.js';
import { ServiceControlsService } from './service-controls.service.js';
import { SERVICE_LIMITS_PROVIDERS } from './service-rate-limits.js';
import { ServiceAccessTokens } from './access-tokens.js';
import { ClientAssertionVerifier } from './client-assertion.js';
import { OAuthTokenController } from './oauth-token.controller.js';
import { OAuthTokenService } from './oauth-token.service.js';
import { AccountServicesController } from './account-services.controller.js';
import { UserServiceBlocksService } from './user-service-blocks.service.js';

/** The service API under `/api/v1/` for other teams' services, and their registration. */
@Module({
  imports: [AuditModule, IdentityModule, OfflineAccessModule],
  controllers: [
    TokensController,
    GrantLookupsController,
    OAuthTokenController,
    AccountServicesController,
    ConsentRequestsController,
  ],
  providers: [
    ServiceClientsService,
    CheckedCredentials,
    ServiceCredentials,
    ServiceAuthGuard,
    DisclosuresService,
    TokenIssuanceService,
    ...SERVICE_LIMITS_PROVIDERS,
    ServiceAccessTokens,
    ClientAssertionVerifier,
    OAuthTokenService,
    UserServiceBlocksService,
    ConsentRequestsService,
  ],
  exports: [
    ServiceClientsService,
    DisclosuresService,
    ServiceControlsService,
    ServiceAccessTokens,
    UserServiceBlocksService,
    ConsentRequestsService,
  ],
})
export class ServiceApiModule {}
