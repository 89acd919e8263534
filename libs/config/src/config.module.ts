import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from './app-config.js';
import { ConfigService } from './config.service.js';

@Global()
@Module({})
export class ConfigModule {
  /**
   * Registers the configuration validated by `loadConfig` before the application was created,
   * or the sections a command loaded on its own (`loadVaultCommandConfig`).
   */
  static forRoot(config: AppConfig | Partial<AppConfig>): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: ConfigService, useValue: new ConfigService(config) }],
      exports: [ConfigService],
    };
  }
}
