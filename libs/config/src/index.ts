export type { AppConfig, GoogleUrls } from './app-config.js';
export { ConfigError } from './config.errors.js';
export { ConfigModule } from './config.module.js';
export { GOOGLE_EMULATOR_PATHS, GOOGLE_PRODUCTION_URLS } from './config.schema.js';
export { ConfigService } from './config.service.js';
export {
  DEFAULT_EMULATOR_URL,
  DEVELOPMENT_CLIENT_ID,
  type LoadedConfig,
  loadConfig,
  loadDatabaseUrl,
  loadVaultCommandConfig,
  type VaultCommandConfig,
} from './load-config.js';
export { loadDevelopmentSecrets } from './development-secrets.js';
export { type VaultKey } from './vault-keys.js';
