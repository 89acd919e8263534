// `npm run dev`: `npm start` in watch mode. The server is compiled by `tsc --watch` (its path
// aliases rewritten by tsc-alias after each compile) and the api restarted when a compile
// succeeds; the dashboard is served by `ng serve` with live reload at
// http://localhost:4200/admin/, its API calls proxied to the api (apps/admin/proxy.conf.mjs).
// PostgreSQL and the emulator keep running across changes. Ctrl-C stops all of it.
import { execFileSync, spawn } from 'node:child_process';
import { delimiter, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const bin = (name) => join('node_modules', '.bin', name);
const env = {
  ...process.env,
  PATH: `${resolve('node_modules/.bin')}${delimiter}${process.env.PATH}`,
};
const port = env.PORT ?? '3000';
const dashboardPort = env.DEV_DASHBOARD_PORT ?? '4200';

const children = [];
function start(name, command, args, options = {}) {
  const child = spawn(command, args, {
    env: options.env ?? env,
    stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? ['ipc'] : [])],
    detached: true, // stopped by us, in order, not by the terminal's Ctrl-C
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) =>
      options.onLine ? options.onLine(line) : console.log(`[${name}] ${line}`),
    );
  }
  children.push(child);
  return child;
}

// tsc --watch compiles everything once on start: the stack starts after that first compile.
let stack;
function startStack() {
  stack = start('stack', process.execPath, ['dist/apps/dev-stack/src/main.js'], {
    env: { ...env, DEV_STACK_WATCH: '1' },
    ipc: true,
    onLine: (line) => console.log(line),
  });
  stack.on('exit', (code) => void stopAll(code ?? 1));
}

console.log('Compiling the server (tsc --watch)…');
start('tsc', bin('tsc'), ['-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], {
  onLine(line) {
    const done = /Found (\d+) errors?\. Watching for file changes/.exec(line);
    if (!done) {
      if (/error TS\d+/.test(line)) console.log(`[tsc] ${line}`);
      return;
    }
    if (done[1] !== '0') {
      console.log(
        `[tsc] ${done[1]} errors: ${stack ? 'the api keeps running' : 'fix them to start'}`,
      );
      return;
    }
    execFileSync(bin('tsc-alias'), ['-p', 'tsconfig.build.json', '--resolve-full-paths'], { env });
    if (!stack) return startStack();
    console.log('[tsc] compiled: restarting the api');
    if (stack.connected) stack.send('restart-api');
  },
});

// ng serve would take PORT (the api's) for itself.
const ngEnv = { ...env };
delete ngEnv.PORT;
start('ng', bin('ng'), ['serve', 'admin', '--port', dashboardPort], {
  env: { ...ngEnv, DEV_API_URL: `http://localhost:${port}` },
});
console.log(
  `Dashboard with live reload: http://localhost:${dashboardPort}/admin/ (after ng serve's first build)`,
);

let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  // The watchers first, then the stack, which stops the api, the emulator and PostgreSQL in order.
  for (const child of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
