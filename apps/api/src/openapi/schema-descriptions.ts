import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { GRANT_HEALTH_FLAGS } from '@grantkeeper/offline-access';

const CURSOR = 'Pass as `cursor` for the next page; null on the last page.';
const WHEN = (what: string) => `When ${what} (ISO 8601, UTC).`;

/**
 * Descriptions of the response and request properties whose DTOs do not carry one, by schema
 * and property. A DTO's own `description` wins; error-responses.spec.ts fails when a property
 * of the document has neither.
 */
export const SCHEMA_DESCRIPTIONS: Record<string, Record<string, string>> = {
  UserProfileDto: {
    id: "The user's id here.",
    email: 'Their Google email address; null if Google sent none.',
    emailVerified: 'Whether Google has verified the email address.',
    name: 'Their full name at Google.',
    givenName: 'Their first name at Google.',
    familyName: 'Their last name at Google.',
    picture: 'URL of their Google profile picture.',
    role: '`admin` can use the dashboard and the admin API.',
    createdAt: WHEN('they first signed in'),
    lastSignInAt: WHEN('they last signed in'),
  },
  GrantViewDto: {
    createdAt: WHEN('offline access was switched on'),
    lastUsedAt: WHEN('a task or API caller last used the grant'),
    lastRefreshedAt: WHEN('an access token was last obtained from Google'),
    revokedAt: WHEN('the grant was revoked; null while live'),
  },
  RevokedGrantDto: {
    id: 'The revoked grant.',
    createdAt: WHEN('offline access was switched on'),
    lastUsedAt: WHEN('a task or API caller last used the grant'),
    lastRefreshedAt: WHEN('an access token was last obtained from Google'),
    revokedAt: WHEN('the grant was revoked'),
  },
  ConfigureTaskDto: { enabled: 'On (true) or off (false) for the signed-in user.' },
  AdminUserDto: {
    id: "The user's id here.",
    email: 'Their Google email address.',
    name: 'Their full name at Google.',
    role: '`admin` can use the dashboard and the admin API.',
    createdAt: WHEN('they first signed in'),
    lastSignInAt: WHEN('they last signed in'),
    grantStatus: '`none` when offline access was never switched on.',
  },
  AdminUserPageDto: { items: 'The users of this page.', nextCursor: CURSOR },
  AdminSessionDto: {
    id: 'The session (not its cookie).',
    createdAt: WHEN('the session began'),
    lastSeenAt: WHEN('the session was last used'),
    ip: 'The client address it began from.',
    userAgent: 'The browser it began in.',
  },
  AdminUserTaskDto: {
    name: 'The task, e.g. `news-digest`.',
    title: 'Its name for people.',
    scopes: 'The scopes it needs (full URLs).',
    enabled: 'Whether the user switched it on.',
    state: '`paused`: it waits for the user (see `pausedReason`).',
    pausedReason:
      'Why it waits: `grant_revoked`, `grant_not_found`, `grant_suspended`, `scope_not_granted`.',
    nextRunAt: WHEN('it runs next'),
    lastRunAt: WHEN('it last ran'),
    lastError: 'The error code of the last run if it failed, e.g. `gmail_token_refused`.',
    consecutiveFailures: 'Failed runs in a row; 0 after a success.',
  },
  AdminUserDetailDto: {
    profile: 'The user.',
    sessions: 'Their live sessions.',
    grant: 'Their offline grant (`status: none` if never switched on).',
    grantId: 'The id of that grant, for the grant endpoints.',
    tasks: 'Their offline tasks.',
  },
  SetRoleDto: { role: 'The new role.' },
  AdminGrantDto: {
    id: 'The grant.',
    userId: 'Whose it is.',
    email: "Its user's email address.",
    status: '`suspended`: Google disabled the account (RISC); tokens are withheld.',
    scopes: 'Scopes Google granted (full URLs).',
    healthFlags: `Google-specific warnings: ${GRANT_HEALTH_FLAGS.map((flag) => `\`${flag}\``).join(', ')}.`,
    createdAt: WHEN('it was created'),
    lastUsedAt: WHEN('it was last used'),
    lastRefreshedAt: WHEN('an access token was last obtained'),
    failureCount: 'Failed refreshes in a row.',
    revokedAt: WHEN('it was revoked'),
    revocationReason: 'Why it was revoked, as given.',
  },
  AdminGrantPageDto: { items: 'The grants of this page.', nextCursor: CURSOR },
  GrantFilterDto: {
    status: 'Grants in this state.',
    flag: 'Grants with this health flag.',
  },
  BulkRevokeDto: { reason: 'Why, for the record of every grant revoked.' },
  AdminGrantDetailDto: { grant: 'The grant.' },
  AuditEventPageDto: { items: 'The events of this page, newest first.', nextCursor: CURSOR },
  AuditEventDto: {
    occurredAt: WHEN('it happened'),
    actorKind:
      'Who acted: a user, an admin, a service caller, the system, Google, or nobody signed in.',
    actorId: "The actor's id (a user id for users and admins).",
    action: 'What happened, e.g. `grant.revoked`.',
    subjectUserId: 'The user it is about.',
    grantId: 'The grant it is about.',
    requestId: 'The request it happened in (`X-Request-Id`).',
    ip: 'The client address of that request.',
    userAgent: 'The browser or client of that request.',
    details: 'What else the event records; never a secret.',
  },
  QueueStatsDto: {
    name: 'The queue.',
    deferred: 'Jobs waiting for their start time.',
    queued: 'Jobs ready to run.',
    active: 'Jobs running.',
    failed: 'Jobs that failed every retry.',
    total: 'All of the above.',
  },
  TaskRunDto: {
    id: 'The run.',
    userId: 'Whose task it was.',
    taskName: 'The task, e.g. `news-digest`.',
    attempt: 'Which attempt of the job (1 for the first).',
    startedAt: WHEN('it started'),
    finishedAt: WHEN('it finished'),
    outcome: '`succeeded`, `failed` or `paused`.',
    error: 'The error code if it failed, e.g. `gmail_token_refused`.',
  },
  JobsOverviewDto: { queues: 'Each job queue with its counts.' },
  FailedJobDto: {
    id: 'The job.',
    retryCount: 'Retries made before it gave up.',
    createdOn: WHEN('it was queued'),
    completedOn: WHEN('it last failed'),
  },
  RetriedJobDto: { retried: 'Always true: the job is queued again.' },
  VaultVersionDto: { version: 'The key version.' },
  RewrapRunDto: {
    finishedAt: WHEN('the run finished'),
    rewrapped: 'Envelopes moved to the active key version.',
  },
  VaultStatusDto: {
    activeVersion: 'The key version new envelopes are sealed under.',
    versions: 'Every key version with envelopes or in the keyring.',
    rewrap: 'Re-wrap progress.',
  },
  RewrapStartedDto: { remaining: 'Envelopes not yet on the active key version.' },
  GoogleClientStateDto: { since: WHEN('Google began refusing our client; null when it is not') },
  TokenGrantDto: {
    id: 'The grant the token comes from.',
  },
  IssuedTokenDto: {
    token_type: 'Always `Bearer`.',
    expires_at: WHEN('the token expires'),
    grant: 'The grant the token comes from, with every scope the user granted.',
  },
  ServiceClientDto: {
    id: "The client's id.",
    name: 'Unique name of the service.',
    team: 'The team that owns it.',
    contact: 'Who to reach about it.',
    allowedScopes: 'Google scopes the service may ask tokens for.',
    purposes: 'Why the service reads users’ access, each shown to users.',
    ipAllowlist: 'Addresses or CIDR blocks it may call from; empty: any.',
    status: '`suspended`: every call is refused (401).',
    createdAt: WHEN('the client was registered'),
    updatedAt: WHEN('an admin last changed it'),
    lastUsedAt: WHEN('one of its keys was last used'),
  },
  ServiceClientListDto: {
    items: 'Every registered client, by name.',
  },
  ServiceClientDetailDto: {
    client: 'The client.',
    keys: 'Its keys, newest first: never a key itself.',
  },
  GrantStatusDayDto: {
    date: 'The day (UTC).',
    revoked: 'Grants revoked that day.',
    suspended: 'Grants suspended at the end of the day.',
  },
  RefreshOutcomeDayDto: {
    date: 'The day (UTC).',
    succeeded: 'Token refreshes that succeeded.',
    failed: 'Token refreshes that failed.',
  },
  SignInDayDto: { date: 'The day (UTC).', count: 'Successful sign-ins.' },
  OverviewDto: {
    days: 'How many days the series cover.',
    grantsByStatus: 'Grants by state, per day.',
    refreshOutcomes: 'Token refreshes, per day.',
  },
};

// A client in the list is the client with its live key count: the same words for the same fields.
SCHEMA_DESCRIPTIONS['ServiceClientSummaryDto'] = SCHEMA_DESCRIPTIONS['ServiceClientDto'] ?? {};

/** Fills in SCHEMA_DESCRIPTIONS where a property of a component schema has no description. */
export function describeSchemaProperties(document: OpenAPIObject): OpenAPIObject {
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    const known = SCHEMA_DESCRIPTIONS[name] ?? {};
    for (const [property, value] of Object.entries((schema as SchemaObject).properties ?? {})) {
      if ('$ref' in value) {
        // A $ref cannot carry a description: wrap it so it can.
        if (known[property]) {
          (schema as SchemaObject).properties![property] = {
            allOf: [value],
            description: known[property],
          };
        }
        continue;
      }
      value.description ??= known[property];
    }
  }
  return document;
}
