import type { ClientRegistry } from './clients.js';
import type { EmulatorClient } from './emulator.config.js';
import { formField } from './gsi-flow.js';
import type { CodeChallengeMethod } from './oauth-grants.js';
import { parseScopes } from './oauth-scopes.js';
import {
  type BrowserError,
  invalidClient,
  invalidRequest,
  originMismatch,
  redirectUriMismatch,
} from './pages/error.page.js';

/** The redirect URI of the GIS code client's popup mode: the code comes back by postMessage. */
export const POSTMESSAGE = 'postmessage';

/** Parameters of /o/oauth2/v2/auth the emulator reads; the pages carry exactly these along. */
export const AUTH_PARAMETERS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'nonce',
  'prompt',
  'access_type',
  'include_granted_scopes',
  'login_hint',
  'code_challenge',
  'code_challenge_method',
  'origin',
  'hd',
] as const;

export type Prompt = 'none' | 'consent' | 'select_account';

export interface AuthorizationRequest {
  client: EmulatorClient;
  redirectUri: string;
  /** The opener's origin, for `redirect_uri=postmessage` only. */
  origin?: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  prompt: Set<Prompt>;
  offline: boolean;
  includeGrantedScopes: boolean;
  loginHint?: string;
  codeChallenge?: string;
  codeChallengeMethod: CodeChallengeMethod;
  /** The raw parameters, carried through the chooser and consent forms. */
  fields: Record<string, string>;
}

/** Where an error goes once the redirect URI is trusted: back to the app, as Google does. */
export interface AuthorizationTarget {
  redirectUri: string;
  origin?: string;
  state?: string;
}

export interface AuthorizationError {
  error: string;
  description?: string;
}

export type AuthorizationCheck =
  | { kind: 'ok'; request: AuthorizationRequest }
  | { kind: 'page'; error: BrowserError }
  | { kind: 'redirect'; target: AuthorizationTarget; error: AuthorizationError };

/** The known parameters of a query or form body, as plain strings. */
export function authorizationFields(input: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of AUTH_PARAMETERS) {
    const value = formField(input, name);
    if (value !== undefined) fields[name] = value;
  }
  return fields;
}

/**
 * Google validates client and redirect URI first and answers problems with its own error page,
 * never a redirect, since an unverified redirect URI would make it an open redirector
 * (https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors).
 */
function checkTarget(
  clients: ClientRegistry,
  fields: Record<string, string>,
): { client: EmulatorClient; target: AuthorizationTarget } | { error: BrowserError } {
  if (!fields.client_id) return { error: invalidRequest('Missing required parameter: client_id') };
  const client = clients.find(fields.client_id);
  if (!client) return { error: invalidClient(fields.client_id) };
  const redirectUri = fields.redirect_uri;
  if (!redirectUri) return { error: invalidRequest('Missing required parameter: redirect_uri') };
  if (redirectUri === POSTMESSAGE) {
    if (!clients.allowsOrigin(client, fields.origin))
      return { error: originMismatch(fields.origin) };
  } else if (!clients.allowsRedirectUri(client, redirectUri)) {
    return { error: redirectUriMismatch(redirectUri) };
  }
  const origin = redirectUri === POSTMESSAGE ? fields.origin : undefined;
  return { client, target: { redirectUri, origin, state: fields.state } };
}

const PROMPTS = new Set<string>(['none', 'consent', 'select_account']);
// RFC 7636 §4.2: 43-128 characters of the unreserved set.
const CODE_CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/;

function checkParameters(fields: Record<string, string>): AuthorizationError | undefined {
  const bad = (description: string) => ({ error: 'invalid_request', description });
  if (!fields.response_type) return bad('Missing required parameter: response_type');
  if (fields.response_type !== 'code') {
    return { error: 'unsupported_response_type', description: fields.response_type };
  }
  if (!fields.scope?.trim()) return bad('Missing required parameter: scope');
  const { invalid } = parseScopes(fields.scope);
  if (invalid.length > 0) {
    return {
      error: 'invalid_scope',
      description: `Some requested scopes were invalid. {invalid=[${invalid.join(', ')}]}`,
    };
  }
  const prompts = (fields.prompt ?? '').split(/\s+/).filter(Boolean);
  const unknown = prompts.find((prompt) => !PROMPTS.has(prompt));
  if (unknown !== undefined) return bad(`Invalid parameter value for prompt: ${unknown}`);
  if (prompts.includes('none') && prompts.length > 1) {
    return bad('Invalid parameter value for prompt: none must be used alone');
  }
  if (fields.access_type !== undefined && !['online', 'offline'].includes(fields.access_type)) {
    return bad(`Invalid access_type: ${fields.access_type}`);
  }
  return checkPkce(fields);
}

function checkPkce(fields: Record<string, string>): AuthorizationError | undefined {
  const method = fields.code_challenge_method;
  if (method !== undefined && method !== 'plain' && method !== 'S256') {
    return { error: 'invalid_request', description: `Invalid code_challenge_method: ${method}` };
  }
  if (method !== undefined && fields.code_challenge === undefined) {
    return { error: 'invalid_request', description: 'Missing code_challenge' };
  }
  if (fields.code_challenge !== undefined && !CODE_CHALLENGE.test(fields.code_challenge)) {
    return { error: 'invalid_request', description: 'Invalid code_challenge' };
  }
  return undefined;
}

/** Validates an authorization request the way Google does, in Google's order. */
export function checkAuthorization(clients: ClientRegistry, input: unknown): AuthorizationCheck {
  const fields = authorizationFields(input);
  const checked = checkTarget(clients, fields);
  if ('error' in checked) return { kind: 'page', error: checked.error };
  const error = checkParameters(fields);
  // An invalid scope is shown on Google's own page ("Error 400: invalid_scope", "Some requested
  // scopes were invalid"), not sent back to the app, as Google's error reference shows
  // (https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors).
  if (error?.error === 'invalid_scope') {
    return {
      kind: 'page',
      error: {
        status: 400,
        error: 'invalid_scope',
        headline: 'Access blocked: Authorization Error',
        description: error.description ?? 'Some requested scopes were invalid.',
      },
    };
  }
  if (error) return { kind: 'redirect', target: checked.target, error };
  return {
    kind: 'ok',
    request: {
      client: checked.client,
      redirectUri: checked.target.redirectUri,
      origin: checked.target.origin,
      scopes: parseScopes(fields.scope ?? '').scopes,
      state: fields.state,
      nonce: fields.nonce,
      prompt: new Set((fields.prompt ?? '').split(/\s+/).filter(Boolean) as Prompt[]),
      offline: fields.access_type === 'offline',
      includeGrantedScopes: fields.include_granted_scopes === 'true',
      loginHint: fields.login_hint,
      codeChallenge: fields.code_challenge,
      // Google's default without code_challenge_method is plain (RFC 7636 §4.3).
      codeChallengeMethod: fields.code_challenge_method === 'S256' ? 'S256' : 'plain',
      fields,
    },
  };
}
