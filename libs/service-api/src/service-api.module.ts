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
import { ServiceCredentials } from './service-credentials.js';
import { TokenIssuanceService } from './token-issuance.service.js';
import { TokensController } from './tokens.controller.js';

/** The service API under `/api/v1/` for other teams' services, and their registration. */
@Module({
  imports: [AuditModule, IdentityModule, OfflineAccessModule],
  controllers: [TokensController, GrantLookupsController, ConsentRequestsController],
  providers: [
    ServiceClientsService,
    ServiceCredentials,
    ServiceAuthGuard,
    DisclosuresService,
    TokenIssuanceService,
    ConsentRequestsService,
  ],
  exports: [ServiceClientsService, DisclosuresService, ConsentRequestsService],
})
export class ServiceApiModule {}
