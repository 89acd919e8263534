import type { CreateServiceClient, ServiceClient, UpdateServiceClient } from '../../api/api-types';
import { fullScope, shortScope } from '../../shared/labels';

/** One row of the purposes catalogue as the form edits it. */
export type PurposeRow = { id: string; feature: string };

/** The form's values, by field key: text for `text` and `lines` fields, rows for `purposes`. */
export type ClientForm = Record<string, string | PurposeRow[]>;

/**
 * A field of the service client form. `text` is one line, `lines` a list (one item a line, sent
 * as an array), `purposes` the catalogue's rows.
 */
export interface ClientField {
  readonly key: string;
  readonly label: string;
  readonly kind: 'text' | 'lines' | 'purposes';
  readonly hint?: string;
  readonly placeholder?: string;
  readonly required?: boolean;
  /** The form's text of the client's value (default: the value, or its items a line each). */
  readonly show?: (client: ServiceClient) => string | PurposeRow[];
  /** The value for the API (default: the trimmed text, or the non-empty lines). */
  readonly send?: (value: string | PurposeRow[]) => unknown;
  /** Which of a 400's `details` are about this field (default: those starting with its key). */
  readonly errors?: RegExp;
}

/**
 * Every field of a service client the dashboard edits, in the form's order: the create form and
 * the detail page's edit form are both built from this list, so a new field is one entry here.
 */
export const CLIENT_FIELDS: readonly ClientField[] = [
  {
    key: 'name',
    label: 'Name',
    kind: 'text',
    required: true,
    placeholder: 'newsletter',
    hint: 'Unique; 2–100 characters.',
  },
  { key: 'team', label: 'Team', kind: 'text', required: true, hint: 'The team that owns it.' },
  {
    key: 'contact',
    label: 'Contact',
    kind: 'text',
    required: true,
    placeholder: 'growth@example.com or #growth',
    hint: 'Who to reach about it: an email or a channel.',
  },
  {
    key: 'allowedScopes',
    label: 'Allowed Google scopes',
    kind: 'lines',
    placeholder: 'gmail.send',
    hint: 'One a line: a short name (gmail.send), a full URL, or openid, email, profile.',
    show: (client) => client.allowedScopes.map(shortScope).join('\n'),
    send: (value) => linesOf(value).map(fullScope),
    errors: /^allowedScopes |scope must/,
  },
  {
    key: 'purposes',
    label: 'Purposes',
    kind: 'purposes',
    hint: 'Why the service reads users’ access: an id it sends with each request, and the feature as users read it.',
    show: (client) => client.purposes.map((purpose) => ({ ...purpose })),
    send: (value) =>
      (Array.isArray(value) ? value : [])
        .map((row) => ({ id: row.id.trim(), feature: row.feature.trim() }))
        .filter((row) => row.id || row.feature),
    errors: /^purposes[ .]/,
  },
  {
    key: 'ipAllowlist',
    label: 'IP allowlist',
    kind: 'lines',
    placeholder: '10.0.0.0/8',
    hint: 'Addresses or CIDR blocks it calls from, one a line. Empty: any address.',
    errors: /^ipAllowlist |ipAllowlist entry/,
  },
  {
    key: 'returnOrigins',
    label: 'Return origins',
    kind: 'lines',
    placeholder: 'https://newsletter.example.com',
    hint: 'Where a consent request may send the user back to: origins, one a line.',
    errors: /^returnOrigins |return origin/i,
  },
  {
    key: 'jwksUri',
    label: 'JWK set URL (private_key_jwt)',
    kind: 'text',
    placeholder: 'https://newsletter.example.com/.well-known/jwks.json',
    hint: 'Where the service publishes its public keys, for POST /api/v1/oauth/token. Empty: none.',
    show: (client) => client.jwksUri ?? '',
    send: (value) => (typeof value === 'string' && value.trim() ? value.trim() : null),
    errors: /^jwksUri /,
  },
  {
    key: 'jwks',
    label: 'Or the JWK set itself (JSON)',
    kind: 'lines',
    placeholder: '{ "keys": [ … ] }',
    hint: 'Public keys only. Empty: none (or the URL above).',
    show: (client) => (client.jwks ? JSON.stringify(client.jwks, null, 2) : ''),
    send: (value) => {
      const text = typeof value === 'string' ? value.trim() : '';
      if (!text) return null;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        // The API says what is wrong with it, under this field.
        return text;
      }
    },
    errors: /^jwks |JWK/,
  },
  {
    key: 'jwtApiScopes',
    label: 'API scopes of its access tokens',
    kind: 'lines',
    placeholder: 'tokens:issue',
    hint: 'What a token from POST /api/v1/oauth/token may carry: tokens:issue, grants:read. Empty: both.',
    // Empty: left out, so a new client gets the default (both) and an edit keeps them.
    send: (value) => {
      const scopes = linesOf(value);
      return scopes.length ? scopes : undefined;
    },
    errors: /^jwtApiScopes /,
  },
];

function linesOf(value: string | PurposeRow[]): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** An empty form (a new client), or the client's values. */
export function clientFormOf(client?: ServiceClient): ClientForm {
  const form: ClientForm = {};
  for (const field of CLIENT_FIELDS) {
    if (!client) {
      form[field.key] = field.kind === 'purposes' ? [{ id: '', feature: '' }] : '';
      continue;
    }
    if (field.show) {
      form[field.key] = field.show(client);
      continue;
    }
    const value = (client as unknown as Record<string, unknown>)[field.key];
    form[field.key] = Array.isArray(value)
      ? value.join('\n')
      : typeof value === 'string'
        ? value
        : '';
  }
  return form;
}

/** The form as the API's body: every field, each as the API takes it. */
export function clientBodyOf(form: ClientForm): CreateServiceClient & UpdateServiceClient {
  const body: Record<string, unknown> = {};
  for (const field of CLIENT_FIELDS) {
    const value = form[field.key] ?? '';
    if (field.send) body[field.key] = field.send(value);
    else if (field.kind === 'lines') body[field.key] = linesOf(value);
    else body[field.key] = typeof value === 'string' ? value.trim() : value;
  }
  return body as unknown as CreateServiceClient & UpdateServiceClient;
}

/** The `details` of a 400 that are about `field`. */
export function fieldErrors(field: ClientField, details: readonly string[] | undefined): string[] {
  const about = field.errors ?? new RegExp(`^${field.key}[ .]`);
  return (details ?? []).filter((detail) => about.test(detail));
}
