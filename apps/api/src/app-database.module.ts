import type { DynamicModule } from '@nestjs/common';
import { DatabaseModule } from '@grantkeeper/database';
import { migrations } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';

export interface AppDatabaseOptions {
  readonly url: string;
  readonly poolSize: number;
  /** Shown in pg_stat_activity; the api's own name when not given. */
  readonly applicationName?: string;
}

/**
 * The data source every process of the api composes (the api, the vault command, the middle
 * test tier): every module's entities and every migration, so each checks the same schema.
 */
export function appDatabaseModule(options: AppDatabaseOptions): DynamicModule {
  return DatabaseModule.forRoot({ ...options, entities: ENTITIES, migrations });
}
