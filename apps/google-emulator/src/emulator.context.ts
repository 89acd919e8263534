import { CallLog } from './call-log.js';
import { ClientRegistry } from './clients.js';
import type { EmulatorConfig } from './emulator.config.js';
import { FaultInjector } from './faults.js';
import { IdTokens } from './id-tokens.js';
import { GmailMailbox } from './gmail-mailbox.js';
import { OAuthGrants } from './oauth-grants.js';
import { SigningKeys } from './signing-keys.js';

/** Settings a test may change at run time through `/__control/settings`. */
export interface EmulatorSettings {
  certsMaxAgeSeconds: number;
  accessTokenLifetimeSeconds: number;
  codeLifetimeSeconds: number;
  /** The OAuth app's publishing status: in `testing` refresh tokens live 7 days. */
  publishingStatus: 'production' | 'testing';
  /** The user granted time-based access for this long (seconds); null: for good. */
  timeBasedAccessSeconds: number | null;
  /** `/revoke` refuses every token with `400 invalid_request` ("Token is not revocable."). */
  unrevocableTokens: boolean;
  /** What refreshes answer instead of a token: Workspace re-auth, or the client refused. */
  refreshError: 'none' | 'invalid_rapt' | 'invalid_client';
  /**
   * The browser runs One Tap through FedCM (Chrome today) for pages that opt in with
   * `use_fedcm_for_prompt`: no display/skip moment notifications, select_by fedcm/fedcm_auto,
   * auto sign-in after a short cancellable notice. Off: the iframe One Tap of browsers without
   * FedCM. https://developers.google.com/identity/gsi/web/guides/fedcm-migration
   */
  fedcm: boolean;
}

/** Everything a route needs; each `routes/*.routes.ts` plugin receives it as its options. */
export interface EmulatorContext {
  config: EmulatorConfig;
  /** The emulator's public origin (no trailing slash), as pages and libraries reach it. */
  publicUrl: () => string;
  settings: EmulatorSettings;
  keys: SigningKeys;
  idTokens: IdTokens;
  clients: ClientRegistry;
  /** Consent, authorization codes, access and refresh tokens of every user+client. */
  grants: OAuthGrants;
  /** Messages sent through the Gmail-shaped API. */
  gmail: GmailMailbox;
  faults: FaultInjector;
  calls: CallLog;
  /** Faults, calls, settings and grants back to their start; one fresh signing key. */
  reset: () => Promise<void>;
}

export async function createEmulatorContext(
  config: EmulatorConfig,
  publicUrl: () => string,
): Promise<EmulatorContext> {
  const keys = await SigningKeys.create();
  const initialSettings = (): EmulatorSettings => ({
    certsMaxAgeSeconds: config.certsMaxAgeSeconds,
    accessTokenLifetimeSeconds: config.accessTokenLifetimeSeconds,
    codeLifetimeSeconds: config.codeLifetimeSeconds,
    publishingStatus: 'production',
    timeBasedAccessSeconds: null,
    unrevocableTokens: false,
    refreshError: 'none',
    fedcm: false,
  });
  const settings = initialSettings();
  const gmail = new GmailMailbox();
  const grants = new OAuthGrants({
    accessTokenLifetimeSeconds: () => settings.accessTokenLifetimeSeconds,
    codeLifetimeSeconds: () => settings.codeLifetimeSeconds,
    projectOf: (clientId) =>
      config.clients.find((client) => client.clientId === clientId)?.projectId ?? 'default',
  });
  const faults = new FaultInjector();
  const calls = new CallLog();
  return {
    config,
    publicUrl,
    settings,
    keys,
    idTokens: new IdTokens(keys, () => config.idTokenLifetimeSeconds, publicUrl),
    clients: new ClientRegistry(config.clients),
    grants,
    gmail,
    faults,
    calls,
    reset: async () => {
      faults.clear();
      gmail.clear();
      calls.clear();
      Object.assign(settings, initialSettings());
      grants.clear();
      await keys.reset();
    },
  };
}
