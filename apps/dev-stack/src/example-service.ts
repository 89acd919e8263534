// The example digest service (apps/example-service) under `npm start`: registered as a service
// client with a development API key (example-service-key.ts, in a short-lived child, so the
// supervisor stays free of Nest), then started on its own port next to the api.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AppConfig } from '@grantkeeper/config';
import { ChildService } from './child-service.js';

const DEFAULT_PORT = 4500;

export interface ExampleServiceStart {
  readonly service: ChildService;
  readonly url: string;
  /** Where its API key is kept (the key itself is never printed). */
  readonly keyFile: string;
}

/** Registers the example service's client and key, and makes (not starts) its child service. */
export async function prepareExampleService(
  distRoot: string,
  config: AppConfig,
  env: NodeJS.ProcessEnv,
  gmailBaseUrl: string,
  onExit: (code: number | null) => void,
): Promise<ExampleServiceStart> {
  const keyFile = await provision(join(distRoot, 'apps/dev-stack/src/example-service-key.js'), env);
  const port = Number(env.EXAMPLE_SERVICE_PORT ?? DEFAULT_PORT);
  const url = `http://localhost:${port}`;
  const service = new ChildService({
    name: 'example-service',
    script: join(distRoot, 'apps/example-service/src/main.js'),
    // Only what it needs: it is another team's service, not ours (no database URL, no secrets).
    env: {
      PATH: env.PATH,
      NODE_ENV: env.NODE_ENV,
      LOG_LEVEL: env.LOG_LEVEL,
      EXAMPLE_SERVICE_PORT: String(port),
      EXAMPLE_SERVICE_PUBLIC_URL: url,
      GRANTKEEPER_URL: config.publicUrl,
      GRANTKEEPER_API_KEY_FILE: keyFile,
      GMAIL_BASE_URL: gmailBaseUrl,
    },
    readyUrl: `http://127.0.0.1:${port}/health`,
    onExit,
  });
  return { service, url, keyFile };
}

/** Runs the registration child; its one line is the key file's path and what was done. */
function provision(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0)
        return reject(new Error(`Registering the example service failed:\n${output}`));
      const lines = output.trim().split('\n');
      const keyFile = lines.pop() ?? '';
      for (const line of lines) console.log(`  ${line}`);
      resolve(keyFile);
    });
  });
}
