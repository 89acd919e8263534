import { z } from 'zod';
import { invalidControlInput } from '../emulator.errors.js';

// z.custom keeps the caller's object as is: z.record would rebuild it and lose a "__proto__" key,
// which tests of hostile claims and headers need to send.
const fields = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { message: 'must be a JSON object' },
);

export const idTokenBody = z.strictObject({ claims: fields.optional(), header: fields.optional() });

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
});

export const callsQuery = z.object({ path: z.string().optional() });

/** Parses control input or throws the 400 `{ error: 'invalid_request', error_description }`. */
export function parseControl<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw invalidControlInput(`${where}${issue?.message ?? 'invalid input'}`);
}
