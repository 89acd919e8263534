import { CallLog } from './call-log.js';
import { ClientRegistry } from './clients.js';
import type { EmulatorConfig } from './emulator.config.js';
import { FaultInjector } from './faults.js';
import { IdTokens } from './id-tokens.js';
import { GmailMailbox } from './gmail-mailbox.js';
import { OAuthGrants } from './oauth-grants.js';
import { SigningKeys } from './signing-keys.js';
import { EmulatorStateStore } from './state-store.js';

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
  /**
   * The code client (GIS popup, `redirect_uri=postmessage`) and a user who granted everything
   * before: Google's behaviour is undocumented and reported both ways. `remembered`: no consent
   * screen and no refresh token; `consent_every_time`: the consent screen again and a new
   * refresh token each time (the earlier ones stay live, up to Google's 100).
   */
  returningUser: 'remembered' | 'consent_every_time';
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
  /** Saves the state when the emulator has a state directory (`config.stateDir`). */
  state: EmulatorStateStore | undefined;
  /** Faults, calls, settings and grants back to their start; one fresh signing key. */
  reset: () => Promise<void>;
}

export async function createEmulatorContext(
  config: EmulatorConfig,
  publicUrl: () => string,
): Promise<EmulatorContext> {
  const state = config.stateDir === undefined ? undefined : new EmulatorStateStore(config.stateDir);
  const saved = state?.load();
  const keys = saved ? SigningKeys.restore(saved.keys) : await SigningKeys.create();
  const initialSettings = (): EmulatorSettings => ({
    certsMaxAgeSeconds: config.certsMaxAgeSeconds,
    accessTokenLifetimeSeconds: config.accessTokenLifetimeSeconds,
    codeLifetimeSeconds: config.codeLifetimeSeconds,
    publishingStatus: 'production',
    timeBasedAccessSeconds: null,
    unrevocableTokens: false,
    refreshError: 'none',
    fedcm: false,
    returningUser: 'remembered',
  });
  const settings = initialSettings();
  const gmail = new GmailMailbox();
  const grants = new OAuthGrants({
    accessTokenLifetimeSeconds: () => settings.accessTokenLifetimeSeconds,
    codeLifetimeSeconds: () => settings.codeLifetimeSeconds,
    projectOf: (clientId) =>
      config.clients.find((client) => client.clientId === clientId)?.projectId ?? 'default',
  });
  if (saved) {
    grants.restore(saved.grants);
    gmail.restore(saved.gmail);
  }
  state?.attach(() => ({
    version: 1,
    keys: keys.snapshot(),
    grants: grants.snapshot(),
    gmail: gmail.list(),
  }));
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
    state,
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
