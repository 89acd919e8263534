import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import { IdentityModule, SignInService } from '@grantkeeper/identity';
import { VaultModule } from '@grantkeeper/vault';
import { AccessTokenBroker } from './access-token.broker.js';
import { GrantRefresh } from './grant-refresh.js';
import { KeepAliveRefresher } from './keep-alive.refresher.js';
import { CodeExchangeService } from './code-exchange.service.js';
import { GoogleClientBreaker } from './google-client-breaker.js';
import { GrantEntity } from './grant.entity.js';
import { GrantSearchService } from './grant-search.service.js';
import { GrantStatisticsService } from './grant-statistics.service.js';
import { GrantVault } from './grant-vault.js';
import { GrantsService } from './grants.service.js';
import { GoogleRedirectController } from './google-redirect.controller.js';
import { OAuthStateEntity } from './oauth-state.entity.js';
import { OfflineAccessController } from './offline-access.controller.js';
import { RedirectFlowService } from './redirect-flow.service.js';
import { RedirectStateStore } from './redirect-state.store.js';
import { RefreshAudit } from './refresh-audit.js';
import { RefreshTokenRetirement } from './refresh-token-retirement.js';

/** Entities owned by this module, for the composition root's data source. */
export const OFFLINE_ACCESS_ENTITIES = [GrantEntity, OAuthStateEntity];

@Module({
  imports: [
    TypeOrmModule.forFeature(OFFLINE_ACCESS_ENTITIES),
    AuditModule,
    IdentityModule,
    VaultModule,
  ],
  controllers: [OfflineAccessController, GoogleRedirectController],
  providers: [
    { provide: GoogleClientBreaker, useFactory: () => new GoogleClientBreaker() },
    GrantVault,
    CodeExchangeService,
    GrantsService,
    GrantStatisticsService,
    GrantSearchService,
    AccessTokenBroker,
    GrantRefresh,
    KeepAliveRefresher,
    RefreshAudit,
    RefreshTokenRetirement,
    RedirectStateStore,
    RedirectFlowService,
  ],
  exports: [
    AccessTokenBroker,
    KeepAliveRefresher,
    GoogleClientBreaker,
    GrantsService,
    GrantStatisticsService,
    GrantSearchService,
    CodeExchangeService,
    RedirectStateStore,
    RedirectFlowService,
  ],
})
export class OfflineAccessModule implements OnModuleInit {
  constructor(
    private readonly signIn: SignInService,
    private readonly grants: GrantsService,
    private readonly broker: AccessTokenBroker,
    private readonly config: ConfigService,
  ) {}

  // OFFLINE_ACCESS=required: an ID-token sign-in (One Tap, the button) needs a grant proven
  // alive, as the code sign-ins do. Google not answering leaves the stored state standing.
  onModuleInit(): void {
    const offlineAccess = this.config.get('offlineAccess');
    if (offlineAccess.mode !== 'required') return;
    const windowMs = offlineAccess.proofWindowSeconds * 1000;
    this.signIn.requireLiveGrant(async (userId) => {
      await this.grants.finishPendingRevocation(userId);
      const proof = await this.broker.proveAlive(userId, windowMs);
      return proof === 'alive' || proof === 'unknown';
    });
  }
}
