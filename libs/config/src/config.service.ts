import { Injectable } from '@nestjs/common';
import type { AppConfig } from './app-config.js';

/** Typed read access to the validated configuration; the only way modules see settings. */
@Injectable()
export class ConfigService {
  constructor(private readonly config: AppConfig) {}

  get<K extends keyof AppConfig>(key: K): AppConfig[K] {
    return this.config[key];
  }
}
