import { z } from 'zod';
import { invalidControlInput } from '../emulator.errors.js';

// z.custom keeps the caller's object as is: z.record would rebuild it and lose a "__proto__" key,
// which tests of hostile claims and headers need to send.
const fields = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { message: 'must be a JSON object' },
);

export const idTokenBody = z.strictObject({
  claims: fields.optional(),
  header: fields.optional(),
  /** Whose token: a test user (the default), a service account, or one on Compute Engine. */
  as: z.enum(['user', 'service_account', 'compute_engine']).optional(),
});

export const rotateBody = z.strictObject({
  step: z.enum(['publish', 'activate', 'retire']).optional(),
});

export const faultBody = z
  .strictObject({
    path: z.string().startsWith('/'),
    method: z
      .string()
      .regex(/^[a-z]+$/i)
      .transform((method) => method.toUpperCase())
      .optional(),
    status: z.number().int().min(100).max(599).optional(),
    body: z.unknown().optional(),
    content_type: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    delay_ms: z.number().int().min(0).max(600_000).optional(),
    hang: z.boolean().optional(),
    times: z.number().int().min(0).default(1),
  })
  .refine((f) => f.status !== undefined || f.delay_ms !== undefined || f.hang === true, {
    message: 'give status, delay_ms or hang',
  })
  .refine((f) => !(f.hang === true && (f.status !== undefined || f.delay_ms !== undefined)), {
    message: 'hang never answers, so it takes neither status nor delay_ms',
  });

export const settingsBody = z.strictObject({
  certs_max_age: z.number().int().min(0).optional(),
  // 0 is allowed so a test can get an already-expired code or access token.
  access_token_lifetime: z.number().int().min(0).optional(),
  code_lifetime: z.number().int().min(0).optional(),
  publishing_status: z.enum(['production', 'testing']).optional(),
  time_based_access: z.number().int().min(1).nullable().optional(),
  unrevocable_tokens: z.boolean().optional(),
  refresh_error: z.enum(['none', 'invalid_rapt', 'invalid_client']).optional(),
  fedcm: z.boolean().optional(),
  returning_user: z.enum(['remembered', 'consent_every_time']).optional(),
});

const text = z.string().min(1).max(2048);

export const authorizationCodeBody = z.strictObject({
  sub: text.optional(),
  scopes: z.union([text, z.array(text).min(1)]).default('openid email profile'),
  client_id: text.optional(),
  redirect_uri: text.default('postmessage'),
  access_type: z.enum(['online', 'offline']).default('offline'),
  prompt: z.enum(['none', 'consent', 'select_account']).optional(),
  include_granted_scopes: z.boolean().default(false),
  code_challenge: z
    .string()
    .regex(/^[A-Za-z0-9._~-]{43,128}$/, { message: 'must be 43-128 unreserved characters' })
    .optional(),
  code_challenge_method: z.enum(['plain', 'S256']).optional(),
  nonce: text.optional(),
});

export const refreshTokensBody = z.strictObject({
  count: z.number().int().min(1).max(100_000),
  sub: text.optional(),
  scopes: z.union([text, z.array(text).min(1)]).default('openid email profile'),
  client_id: text.optional(),
});

export const userRevokeBody = z.strictObject({ client_id: text.optional() });

export const callsQuery = z.object({ path: z.string().optional() });

/** Parses control input or throws the 400 `{ error: 'invalid_request', error_description }`. */
export function parseControl<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw invalidControlInput(`${where}${issue?.message ?? 'invalid input'}`);
}

export const riscEventBody = z.strictObject({
  event: z.enum([
    'sessions-revoked',
    'tokens-revoked',
    'token-revoked',
    'account-disabled',
    'account-enabled',
    'account-purged',
    'account-credential-change-required',
    'verification',
  ]),
  sub: text,
  reason: z.enum(['hijacking', 'bulk-account']).optional(),
  client_id: text.optional(),
  jti: text.optional(),
  receiver_url: z.url({ protocol: /^https?$/ }).optional(),
  token: z.string().min(1).max(4096).optional(),
  state: text.optional(),
});
