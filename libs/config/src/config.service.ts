import { Injectable } from '@nestjs/common';
import type { AppConfig } from './app-config.js';

/** Typed read access to the validated configuration; the only way modules see settings. */
@Injectable()
export class ConfigService {
  private readonly config: Partial<AppConfig>;

  /**
   * The whole configuration, or some sections of it for a command that loads only what it
   * needs (the vault commands: `vault` alone); reading a section that was not given throws.
   */
  constructor(config: AppConfig | Partial<AppConfig>) {
    this.config = config;
  }

  get<K extends keyof AppConfig>(key: K): AppConfig[K] {
    if (!(key in this.config)) {
      throw new Error(`The configuration section "${key}" is not loaded by this command`);
    }
    return this.config[key] as AppConfig[K];
  }
}
