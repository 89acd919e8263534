// The example digest service (apps/example-service): another team's service, started by
// `npm start` next to the api. Configuration from its environment (example-service.config.ts).
import { createServiceClient } from '@grantkeeper/service-client';
import { buildExampleService } from './example-service.app.js';
import { exampleServiceConfig, ExampleServiceConfigError } from './example-service.config.js';

try {
  const config = exampleServiceConfig();
  const grantkeeper = createServiceClient({
    baseUrl: config.grantkeeperUrl,
    apiKey: config.apiKey,
    userAgent: 'grantkeeper-example-service',
  });
  const app = buildExampleService(config, grantkeeper);
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Started by `npm start` with an IPC channel: when the supervisor dies, so do we.
  process.on('disconnect', stop);
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  console.error(error instanceof ExampleServiceConfigError ? error.message : error);
  process.exit(1);
}
