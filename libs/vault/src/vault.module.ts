import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigService } from '@grantkeeper/config';
import { EnvelopeCipher } from './envelope-cipher.js';
import { Keyring } from './keyring.js';
import { VaultEnvelopeEntity } from './vault-envelope.entity.js';
import { VaultService } from './vault.service.js';

/** Entities owned by this module, for the composition root's data source. */
export const VAULT_ENTITIES = [VaultEnvelopeEntity];

/**
 * Envelope encryption of secrets. Its keyring comes from the validated configuration
 * (`VAULT_KEYS`, `VAULT_ACTIVE_KEY_VERSION`); start-up fails while an envelope references a key
 * version that is not configured. Other modules use {@link VaultService} only.
 */
@Module({
  imports: [TypeOrmModule.forFeature(VAULT_ENTITIES)],
  providers: [
    {
      provide: Keyring,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const { keys, activeVersion } = config.get('vault');
        return new Keyring(keys, activeVersion);
      },
    },
    {
      provide: EnvelopeCipher,
      inject: [Keyring],
      useFactory: (k: Keyring) => new EnvelopeCipher(k),
    },
    VaultService,
  ],
  exports: [VaultService],
})
export class VaultModule {}
