import { z } from 'zod';
import type { ClientRegistry } from './clients.js';
import type { EmulatorClient } from './emulator.config.js';
import {
  type BrowserError,
  invalidClient,
  originMismatch,
  redirectUriMismatch,
} from './pages/error.page.js';

/** Sign-in parameters GIS sends to /gsi/select and /gsi/iframe/select (query or form fields). */
export interface SignInParams {
  clientId?: string;
  /** The embedding page's origin; where credentials are posted (exact targetOrigin). */
  origin?: string;
  uxMode: 'popup' | 'redirect';
  nonce?: string;
  /** Changes wording only: "Sign in to", "Sign up to", "Use … with Google". */
  context: 'signin' | 'signup' | 'use';
  loginUri?: string;
  csrfToken?: string;
  /** Set by the button iframe that opened the popup: deliver through it, not to the page. */
  channelId?: string;
  autoSelect: boolean;
  /** One Tap runs through the browser's FedCM (select_by fedcm / fedcm_auto). */
  fedcm: boolean;
}

const text = z.string().min(1).max(2048).optional().catch(undefined);

const paramsSchema = z.object({
  client_id: text,
  origin: text,
  ux_mode: z.enum(['popup', 'redirect']).catch('popup'),
  nonce: text,
  context: z.enum(['signin', 'signup', 'use']).catch('signin'),
  login_uri: text,
  g_csrf_token: text,
  channel_id: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .optional()
    .catch(undefined),
  auto_select: z.string().optional().catch(undefined),
  fedcm: z.string().optional().catch(undefined),
});

/** Reads the parameters leniently, as Google does: unknown fields are ignored. */
export function parseSignInParams(input: unknown): SignInParams {
  const raw = paramsSchema.parse(typeof input === 'object' && input !== null ? input : {});
  return {
    clientId: raw.client_id,
    origin: raw.origin,
    uxMode: raw.ux_mode,
    nonce: raw.nonce,
    context: raw.context,
    loginUri: raw.login_uri,
    csrfToken: raw.g_csrf_token,
    channelId: raw.channel_id,
    autoSelect: raw.auto_select === 'true',
    fedcm: raw.fedcm === 'true',
  };
}

/** One string field of a parsed form body (or query), if present. */
export function formField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value: unknown = Object.getOwnPropertyDescriptor(body, name)?.value;
  return typeof value === 'string' ? value : undefined;
}

/** Every value of a form field that may repeat (checkboxes); absent → []. */
export function formValues(body: unknown, name: string): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const value: unknown = Object.getOwnPropertyDescriptor(body, name)?.value;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Fields that carry the flow through the chooser's form post. */
export function signInFields(params: SignInParams): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    client_id: params.clientId,
    origin: params.origin,
    ux_mode: params.uxMode,
    nonce: params.nonce,
    context: params.context,
    login_uri: params.loginUri,
    g_csrf_token: params.csrfToken,
    channel_id: params.channelId,
    fedcm: params.fedcm ? 'true' : undefined,
  };
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

export type SignInCheck = { client: EmulatorClient; error?: undefined } | { error: BrowserError };

/**
 * Google refuses an unknown client (401 invalid_client), a page origin that is not one of the
 * client's "Authorized JavaScript origins" (400 origin_mismatch) and, in redirect mode, a
 * login_uri that is not one of its "Authorized redirect URIs".
 */
export function checkSignIn(clients: ClientRegistry, params: SignInParams): SignInCheck {
  const client = clients.find(params.clientId);
  if (!client) return { error: invalidClient(params.clientId) };
  if (!clients.allowsOrigin(client, params.origin)) return { error: originMismatch(params.origin) };
  if (params.uxMode === 'redirect' && !clients.allowsRedirectUri(client, params.loginUri)) {
    return { error: redirectUriMismatch(params.loginUri) };
  }
  return { client };
}

/** "Sign in to localhost with Google": Google names the site by its host. */
export function contextTitle(params: SignInParams): string {
  const origin = params.origin ?? '';
  const host = URL.canParse(origin) ? new URL(origin).host : 'this site';
  switch (params.context) {
    case 'signin':
      return `Sign in to ${host} with Google`;
    case 'signup':
      return `Sign up to ${host} with Google`;
    case 'use':
      return `Use ${host} with Google`;
  }
}
