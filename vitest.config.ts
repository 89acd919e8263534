import { defineConfig } from 'vitest/config';

// Three projects, one run: `npm test` executes all of them and scripts/test.mjs prints the
// closing `N passed, N failed` line from the JSON report.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['apps/*/src/**/*.spec.ts', 'libs/*/src/**/*.spec.ts'],
          // The dashboard's specs run in Angular's own Vitest runner (`ng test`, scripts/test.mjs).
          exclude: ['apps/admin/**'],
        },
      },
      {
        extends: true,
        test: {
          // One module with its real dependencies on PostgreSQL, no HTTP (module-under-test.ts).
          name: 'medium',
          include: ['test/medium/**/*.test.ts'],
          globalSetup: ['test/support/database.global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/database.global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Browser steps on a shared 2-core machine (a consent popup posting its code, a page
          // reloading) can take longer than expect.poll's default second.
          expect: { poll: { timeout: 10_000, interval: 100 } },
          globalSetup: ['test/support/database.global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
