import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions, type DatabaseOptions } from './data-source-options.js';

@Module({})
export class DatabaseModule {
  /**
   * The TypeORM connection for the whole application. Modules register their own entities with
   * `TypeOrmModule.forFeature`; the composition root passes the full list so the CLI sees it too.
   */
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({ ...buildDataSourceOptions(options), migrationsRun: false }),
      ],
    };
  }
}
