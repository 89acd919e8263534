import { AUDIT_ENTITIES } from '@grantkeeper/audit';
import { IDENTITY_ENTITIES } from '@grantkeeper/identity';
import { OFFLINE_ACCESS_ENTITIES } from '@grantkeeper/offline-access';
import { SCHEDULER_ENTITIES } from '@grantkeeper/scheduler';
import { RISC_ENTITIES } from '@grantkeeper/risc';
import { VAULT_ENTITIES } from '@grantkeeper/vault';

/** Every entity of every module: the data source (app and CLI) must know them all. */
export const ENTITIES = [
  ...IDENTITY_ENTITIES,
  ...AUDIT_ENTITIES,
  ...VAULT_ENTITIES,
  ...OFFLINE_ACCESS_ENTITIES,
  ...SCHEDULER_ENTITIES,
  ...RISC_ENTITIES,
];
