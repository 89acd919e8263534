// `npm run vault:status` and `npm run vault:rotate` (through scripts/vault.mjs), or in the image
// `node dist/apps/api/src/vault-cli.js status|rotate`: the vault alone, on the configured
// database and keyring, without the HTTP server. It reads DATABASE_URL, VAULT_KEYS and
// VAULT_ACTIVE_KEY_VERSION only (loadVaultCommandConfig), not the api's whole configuration.
import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ConfigError,
  ConfigModule,
  loadVaultCommandConfig,
  type VaultCommandConfig,
} from '@grantkeeper/config';
import { KEK_ENCRYPTION_WARNING, VaultError, VaultModule, VaultService } from '@grantkeeper/vault';
import { appDatabaseModule } from './app-database.module.js';

const USAGE = 'usage: vault-cli status | rotate [--batch-size=N]';

@Module({})
class VaultCliModule {
  static forRoot(config: VaultCommandConfig): DynamicModule {
    return {
      module: VaultCliModule,
      imports: [
        ConfigModule.forRoot({ vault: config.vault }),
        appDatabaseModule({
          url: config.databaseUrl,
          poolSize: 2,
          applicationName: 'grantkeeper-vault-cli',
        }),
        VaultModule,
      ],
    };
  }
}

async function printStatus(vault: VaultService): Promise<void> {
  const { activeVersion, versions } = await vault.status();
  console.log(`Active key version: ${activeVersion}`);
  for (const { version, envelopes, configured, encryptions } of versions) {
    const notes = [
      version === activeVersion && 'active',
      !configured && 'NOT CONFIGURED',
      encryptions >= KEK_ENCRYPTION_WARNING && 'ROTATE: past a quarter of the 2^32 bound',
    ];
    const suffix = notes.filter(Boolean).join(', ');
    console.log(
      `  version ${version}: ${envelopes} envelopes, ${encryptions} encryptions` +
        (suffix ? ` (${suffix})` : ''),
    );
  }
}

/**
 * Re-wraps batch after batch until none is left. Ctrl-C lets the batch in flight commit and
 * stops; running the command again carries on from there. A second Ctrl-C leaves at once (the
 * open transaction rolls back, nothing is lost).
 */
async function rotate(vault: VaultService, batchSize: number): Promise<void> {
  let stopping = false;
  process.on('SIGINT', () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log('\nStopping after this batch (Ctrl-C again to leave now)…');
  });
  const { activeVersion } = await vault.status();
  let done = 0;
  for (;;) {
    const { rewrapped, remaining } = await vault.rewrapBatch(batchSize);
    done += rewrapped;
    console.log(`Re-wrapped ${done} envelopes to key version ${activeVersion}; ${remaining} left`);
    if (remaining === 0) break;
    if (rewrapped === 0) {
      console.log(
        'The remaining envelopes are locked by another re-wrap or use a key version that is ' +
          'not configured (see below); run again later.',
      );
      break;
    }
    if (stopping) {
      console.log('Stopped. Run `npm run vault:rotate` again to continue.');
      break;
    }
  }
  await printStatus(vault);
}

function batchSizeOf(args: readonly string[]): number {
  const option = args.find((arg) => arg.startsWith('--batch-size='));
  const size = option ? Number(option.slice('--batch-size='.length)) : 500;
  if (!Number.isInteger(size) || size < 1 || size > 10_000) {
    throw new ConfigError(['--batch-size: an integer from 1 to 10000']);
  }
  return size;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command !== 'status' && command !== 'rotate') {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadVaultCommandConfig();
  for (const warning of config.warnings) console.warn(`WARNING: ${warning}`);
  const batchSize = batchSizeOf(args);
  const app = await NestFactory.createApplicationContext(VaultCliModule.forRoot(config), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    const vault = app.get(VaultService);
    if (command === 'status') await printStatus(vault);
    else await rotate(vault, batchSize);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  // Config and vault errors carry no secrets and say what to do; anything else gets its stack.
  if (error instanceof ConfigError || error instanceof VaultError) console.error(error.message);
  else console.error('vault command failed:', error);
  process.exit(1);
});
