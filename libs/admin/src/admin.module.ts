import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@grantkeeper/audit';
import { IdentityModule } from '@grantkeeper/identity';
import { OfflineAccessModule } from '@grantkeeper/offline-access';
import { ServiceApiModule } from '@grantkeeper/service-api';
import { VaultModule } from '@grantkeeper/vault';
import { AdminAuditController } from './admin-audit.controller.js';
import { AdminAuditService } from './admin-audit.service.js';
import { AdminDisclosuresController } from './admin-disclosures.controller.js';
import { AdminBulkRevokeService } from './admin-bulk-revoke.service.js';
import { AdminOverviewController } from './admin-overview.controller.js';
import { AdminOverviewService } from './admin-overview.service.js';
import { AdminOperationsController } from './admin-operations.controller.js';
import { AdminOperationsService } from './admin-operations.service.js';
import { AdminGrantsController } from './admin-grants.controller.js';
import { AdminGrantsService } from './admin-grants.service.js';
import { AdminServiceClientsController } from './admin-service-clients.controller.js';
import {
  AdminScopeKillSwitchesController,
  AdminServiceClientControlsController,
} from './admin-issuance-controls.controller.js';
import { AdminUsersController } from './admin-users.controller.js';
import { AdminUsersService } from './admin-users.service.js';
import { AuditEventsWithPeople } from './audit-events-with-people.js';

@Module({})
export class AdminModule {
  /**
   * The admin API. `scheduler` is the application's own `SchedulerModule.forRoot()` (the same
   * object): importing a second one would start a second job queue.
   */
  static forRoot(options: { scheduler: DynamicModule }): DynamicModule {
    return {
      module: AdminModule,
      imports: [
        AuditModule,
        IdentityModule,
        OfflineAccessModule,
        VaultModule,
        ServiceApiModule,
        options.scheduler,
      ],
      controllers: [
        AdminUsersController,
        AdminGrantsController,
        AdminAuditController,
        AdminOperationsController,
        AdminOverviewController,
        AdminServiceClientsController,
        AdminServiceClientControlsController,
        AdminScopeKillSwitchesController,
        AdminDisclosuresController,
      ],
      providers: [
        AdminUsersService,
        AdminGrantsService,
        AdminAuditService,
        AdminOperationsService,
        AdminOverviewService,
        AdminBulkRevokeService,
        AuditEventsWithPeople,
      ],
    };
  }
}
