import { Foundation1764086400000 } from './1764086400000-foundation.js';
import { VaultEnvelopes1764950400000 } from './1764950400000-vault-envelopes.js';
import { Grants1764950500000 } from './1764950500000-grants.js';
import { OAuthStates1764950600000 } from './1764950600000-oauth-states.js';
import { Scheduler1764950700000 } from './1764950700000-scheduler.js';
import { RiscEvents1765200000000 } from './1765200000000-risc-events.js';
import { GrantHealth1765300000000 } from './1765300000000-grant-health.js';
import { AdminIndexes1765400000000 } from './1765400000000-admin-indexes.js';
import { UserNameSearch1765400100000 } from './1765400100000-user-name-search.js';
import { GrantStatusHistory1765460000000 } from './1765460000000-grant-status-history.js';
import { AdminScaleIndexes1765500000000 } from './1765500000000-admin-scale-indexes.js';
import { KeepAliveWrites1765550000000 } from './1765550000000-keep-alive-writes.js';
import { AdminSearchIndexes1765600000000 } from './1765600000000-admin-search-indexes.js';
import { GrantReauthAndExpiry1765720000000 } from './1765720000000-grant-reauth-and-expiry.js';
import { RateLimitBuckets1765730000000 } from './1765730000000-rate-limit-buckets.js';
import { VaultKeyVersions1765800000000 } from './1765800000000-vault-key-versions.js';
import { UserEmailSearch1765810000000 } from './1765810000000-user-email-search.js';
import { TaskErrorCodes1765900000000 } from './1765900000000-task-error-codes.js';
import { ServiceClients1765910000000 } from './1765910000000-service-clients.js';
import { ServiceJwtCredentials1765920000000 } from './1765920000000-service-jwt-credentials.js';
import { ConsentRequests1765930000000 } from './1765930000000-consent-requests.js';
import { UserServiceBlocks1765940000000 } from './1765940000000-user-service-blocks.js';
import { ServiceLimits1765950000000 } from './1765950000000-service-limits.js';
import { UserSortIndexes1765960000000 } from './1765960000000-user-sort-indexes.js';

/** Every migration, in order. Listed explicitly: TypeORM 1 dropped glob loading for ESM builds. */
export const migrations = [
  Foundation1764086400000,
  VaultEnvelopes1764950400000,
  Grants1764950500000,
  OAuthStates1764950600000,
  Scheduler1764950700000,
  RiscEvents1765200000000,
  GrantHealth1765300000000,
  AdminIndexes1765400000000,
  UserNameSearch1765400100000,
  GrantStatusHistory1765460000000,
  AdminScaleIndexes1765500000000,
  KeepAliveWrites1765550000000,
  AdminSearchIndexes1765600000000,
  GrantReauthAndExpiry1765720000000,
  RateLimitBuckets1765730000000,
  VaultKeyVersions1765800000000,
  UserEmailSearch1765810000000,
  TaskErrorCodes1765900000000,
  ServiceClients1765910000000,
  ServiceJwtCredentials1765920000000,
  ConsentRequests1765930000000,
  UserServiceBlocks1765940000000,
  ServiceLimits1765950000000,
  UserSortIndexes1765960000000,
];
