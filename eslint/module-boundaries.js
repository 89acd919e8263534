// The module table of the architecture (README, "Layout"), enforced: which modules each library
// may import, and which tables it may name in SQL. A library reaches another only through its
// alias (its index.ts), only if the table below lists it, and reads or writes only its own
// tables; everything else calls the owner's exported service.

const SCHEDULER_USES = [
  'offline-access',
  // The purge job deletes the service API's expired access tokens through its service.
  'service-api',
  'identity',
  'vault',
  'google',
  'audit',
  'database',
  'config',
  'errors',
];

/** Each library's allowed imports (other libraries, by alias). */
export const MODULE_USES = {
  errors: [],
  config: ['errors'],
  database: ['config', 'errors'],
  google: ['config', 'errors'],
  vault: ['config', 'errors'],
  audit: ['database', 'config', 'errors'],
  identity: ['google', 'audit', 'database', 'config', 'errors'],
  'offline-access': ['identity', 'vault', 'google', 'audit', 'database', 'config', 'errors'],
  risc: ['offline-access', 'identity', 'google', 'audit', 'database', 'config', 'errors'],
  // The vault's re-wrap runs as a scheduled job: the scheduler starts it through VaultService.
  scheduler: SCHEDULER_USES,
  // Other teams' services: tokens through the broker, users and grants through their owners.
  'service-api': ['offline-access', 'identity', 'audit', 'database', 'config', 'errors'],
  // The typed client other teams install (an npm package of its own): it reaches the api over
  // HTTP only, through openapi-fetch and the global fetch, never through another module. It is
  // not a call to Google, so the one-home rule for Google's HTTP client does not concern it.
  'service-client': [],
  // The admin API composes every module but the RISC receiver.
  admin: ['scheduler', ...SCHEDULER_USES],
};

/** The tables each module owns (created by migrations/, named in SQL by their owner only). */
export const TABLE_OWNERS = {
  users: 'identity',
  sessions: 'identity',
  rate_limit_buckets: 'identity',
  grants: 'offline-access',
  oauth_states: 'offline-access',
  audit_events: 'audit',
  vault_envelopes: 'vault',
  vault_key_versions: 'vault',
  risc_events: 'risc',
  user_tasks: 'scheduler',
  task_runs: 'scheduler',
  service_clients: 'service-api',
  service_api_keys: 'service-api',
  disclosures: 'service-api',
  service_client_controls: 'service-api',
  scope_kill_switches: 'service-api',
  service_access_tokens: 'service-api',
  service_assertion_jtis: 'service-api',
  user_service_blocks: 'service-api',
  consent_requests: 'service-api',
  // pg-boss's own schema: the job queue belongs to the scheduler.
  pgboss: 'scheduler',
};

const ALIAS_ONLY = {
  group: ['**/libs/**', '**/apps/**', '@grantkeeper/*/*'],
  message: 'Libraries never import apps; other libraries only through their @grantkeeper alias.',
};

/**
 * Library log lines carry their values as fields (`logger.warn({ msg, grantId })`), so the
 * redaction paths apply to them and a collector can filter on them: a message built from a
 * template literal with values is refused.
 */
const STRUCTURED_LOG_LINES = {
  selector:
    "CallExpression[callee.property.name=/^(log|warn|error|debug|verbose|fatal)$/][callee.object.property.name='logger'] > TemplateLiteral.arguments[expressions.length>0]",
  message: 'Log values as fields: logger.warn({ msg: "what happened", field }), not a template.',
};

/**
 * Each outside system has one home: every call to Google goes through libs/google's undici client
 * (one pool, one deadline, one classification of Google's answers). Elsewhere in the libraries
 * the HTTP clients themselves are refused; apps and tests are free to use them.
 */
export const GOOGLE_HOME = 'google';

const HTTP_CLIENT_IMPORTS = {
  paths: ['node:http', 'node:https', 'http', 'https', 'undici', 'gaxios', 'google-auth-library'],
  message: 'Calls to Google go through @grantkeeper/google (its one HTTP client).',
};

const GLOBAL_FETCH = [
  {
    selector: "CallExpression[callee.type='Identifier'][callee.name='fetch']",
    message: 'Calls to Google go through @grantkeeper/google (its one HTTP client), not fetch().',
  },
  {
    selector:
      "CallExpression[callee.type='MemberExpression'][callee.object.name='globalThis'][callee.property.name='fetch']",
    message: 'Calls to Google go through @grantkeeper/google (its one HTTP client), not fetch().',
  },
];

/** A statement keyword followed by the table's name: what SQL that reads or writes it says. */
function tableSelectors(table, owner) {
  const pattern = `/\\b(?:from|join|into|update|table)\\s+${table}\\b/i`;
  const message = `The ${table} table belongs to ${owner}: call its exported service instead.`;
  return [
    { selector: `Literal[value=${pattern}]`, message },
    { selector: `TemplateElement[value.raw=${pattern}]`, message },
  ];
}

/**
 * One flat-config block per library: imports outside its row of MODULE_USES and SQL naming
 * another module's tables are lint errors. `extraPatterns` are import patterns every library
 * shares (added by other rules of eslint.config.js).
 */
export function moduleBoundaries(extraPatterns = []) {
  const modules = Object.keys(MODULE_USES);
  // The api composes the modules and owns no table: it names none in SQL.
  const api = {
    files: ['apps/api/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...Object.entries(TABLE_OWNERS).flatMap(([table, owner]) => tableSelectors(table, owner)),
      ],
    },
  };
  return [
    api,
    ...modules.map((module) => {
      const allowed = new Set([module, ...MODULE_USES[module]]);
      const forbidden = modules.filter((other) => !allowed.has(other));
      const foreignTables = Object.entries(TABLE_OWNERS).filter(([, owner]) => owner !== module);
      return {
        files: [`libs/${module}/**/*.ts`],
        ignores: ['**/*.spec.ts', '**/testing/**'],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns: [
                ALIAS_ONLY,
                ...(forbidden.length > 0
                  ? [
                      {
                        group: forbidden.map((other) => `@grantkeeper/${other}`),
                        message: `${module} may use only ${[...MODULE_USES[module]].join(', ') || 'no other module'} (eslint/module-boundaries.js).`,
                      },
                    ]
                  : []),
                ...extraPatterns,
              ],
              ...(module === GOOGLE_HOME
                ? {}
                : {
                    paths: HTTP_CLIENT_IMPORTS.paths.map((name) => ({
                      name,
                      message: HTTP_CLIENT_IMPORTS.message,
                    })),
                  }),
            },
          ],
          'no-restricted-syntax': [
            'error',
            ...foreignTables.flatMap(([table, owner]) => tableSelectors(table, owner)),
            STRUCTURED_LOG_LINES,
            // libs/google itself uses its undici client, never the global fetch either.
            ...GLOBAL_FETCH,
          ],
        },
      };
    }),
  ];
}
