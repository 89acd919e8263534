import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import { moduleBoundaries } from './eslint/module-boundaries.js';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.data/',
      '**/public/**',
      'coverage/',
      // The service client's npm build output (`npm run service-client:build`).
      'libs/service-client/dist/',
      // Generated from the OpenAPI document (a test keeps it fresh).
      'apps/admin/src/app/api/api-schema.ts',
      'libs/service-client/src/schema.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Module boundaries: a module is reached only through its alias (its index.ts).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/libs/**', '**/apps/**', '@grantkeeper/*/*'],
              message: 'Import another module through its @grantkeeper/<module> alias only.',
            },
          ],
        },
      ],
    },
  },
  // One block per library: its allowed imports and the tables it may name (the module table).
  ...moduleBoundaries(),
  {
    // `npm start`'s supervisor stays small (no Nest, no TypeORM): it reads the configuration and
    // runs PostgreSQL through these files of their libraries; their index brings the Nest modules.
    files: ['apps/dev-stack/src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '/(apps/|libs/(?!config/src/(load-config|config\\.errors)\\.js$|database/src/embedded-database\\.js$))|^@grantkeeper/[^/]+/',
              message: 'Import another module through its @grantkeeper/<module> alias only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The dashboard (its own tsconfig, found by the project service) runs in the browser: it
    // reaches the server only over HTTP, through the types generated from the OpenAPI document.
    files: ['apps/admin/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@grantkeeper/*',
                '**/libs/**',
                '**/apps/api/**',
                '**/apps/google-emulator/**',
              ],
              message:
                'The dashboard imports nothing from the server; use the generated API types.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.mjs', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: {
      // Tests and benchmarks start the compiled apps and read their files directly.
      'no-restricted-imports': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  prettier,
);
