import type { GOOGLE_PRODUCTION_URLS } from './config.schema.js';
import type { VaultKey } from './vault-keys.js';

export type GoogleUrls = Record<keyof typeof GOOGLE_PRODUCTION_URLS, string>;

/** The validated configuration of the api, read once at start-up. */
export interface AppConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly host: string;
  readonly port: number;
  /** The origin users reach us at; redirect URIs and origin checks derive from it, never from headers. */
  readonly publicUrl: string;
  /** Fastify's `trustProxy`: off, the trusted proxies' addresses / CIDR ranges, or everybody. */
  readonly trustProxy: boolean | readonly string[];
  readonly dataDir: string;
  readonly logLevel: string;
  readonly database: { readonly url: string; readonly poolSize: number };
  readonly google: {
    /** Accepted ID-token audiences: the web client first, then Android/iOS clients. */
    readonly clientIds: readonly string[];
    /** The web client the pages and the code exchange use. */
    readonly webClientId: string;
    readonly clientSecret: string;
    /**
     * Workspace domain every user must belong to. Checked on every ID token, and again on each
     * session check and broker use, so users created before it was set follow it too.
     */
    readonly hostedDomain: string | undefined;
    /** Accept ID tokens of Google service accounts (no human behind them); false by default. */
    readonly allowServiceAccounts: boolean;
    readonly httpTimeoutMs: number;
    /** Lower bound between two fetches of Google's signing keys (unknown kids, short max-age). */
    readonly certsMinRefreshMs: number;
    readonly urls: GoogleUrls;
    /** True when the URLs point at the local Google emulator (development and tests). */
    readonly usesEmulator: boolean;
    /** Cross-Account Protection: where security event tokens' issuer and keys are found. */
    readonly risc: {
      /** Google's RISC configuration document; its `jwks_uri` names the signing keys. */
      readonly configurationUrl: string;
      /** When set, the keys are fetched from here and the configuration document is not read. */
      readonly jwksUrl: string | undefined;
      /** The exact `iss` of security event tokens. */
      readonly issuer: string;
    };
  };
  readonly session: {
    readonly secret: string;
    readonly ttlHours: number;
    readonly cookieName: string;
    /** `Secure` cookies everywhere but plain-http development. */
    readonly secureCookie: boolean;
  };
  readonly adminEmails: readonly string[];
  readonly rateLimit: {
    readonly signInPerMinute: number;
    readonly offlineAccessPerMinute: number;
    /** Service API calls per client, unless an admin set the client's own limit. */
    readonly servicePerMinute: number;
    /** Token requests per client and user, unless an admin set the client's own limit. */
    readonly servicePerUserPerMinute: number;
  };
  readonly vault: {
    /** Key-encryption keys by version. Sensitive: `KeyObject`s, never logged or serialised. */
    readonly keys: readonly VaultKey[];
    /** The version new envelopes and re-wraps use. */
    readonly activeVersion: number;
    /** True when the keyring was generated under the data folder (development and tests). */
    readonly developmentKeyring: boolean;
  };
  readonly offlineAccess: {
    /**
     * `optional`: signed-in users may switch offline access on from /account. `required`: the
     * sign-in page asks for it in the same step, and users without a live grant are asked again.
     */
    readonly mode: 'optional' | 'required';
    /** Google API scopes asked for on top of `openid email profile`. */
    readonly scopes: readonly string[];
    /** The redirect flow's callback: derived from PUBLIC_URL, never from request headers. */
    readonly redirectUri: string;
    /**
     * A grant not proven alive at Google (refreshed, or its refresh token issued) within this
     * many seconds is refreshed before a returning user's sign-in or /account says "On".
     */
    readonly proofWindowSeconds: number;
  };
  /** When set, GET /metrics requires it as a Bearer token. Sensitive. */
  readonly metricsToken: string | undefined;
  readonly scheduler: {
    /** Off: no cron triggers and no workers in this instance (it still serves HTTP). */
    readonly enabled: boolean;
    /** Jobs one instance works on at once, per queue. */
    readonly concurrency: number;
    /** A job still active after this long is failed and retried (its instance died). */
    readonly jobTimeoutSeconds: number;
    /** First retry of a failed job; doubles per attempt (pg-boss backoff with jitter). */
    readonly retryDelaySeconds: number;
    readonly pollingSeconds: number;
    readonly keepAliveCron: string;
    /** Grants not refreshed for this long are refreshed (Google expires them after six idle months). */
    readonly keepAliveAfterDays: number;
    /**
     * Grants a keep-alive refreshes together: their calls to Google at once, their writes in one
     * transaction under one set of row locks.
     */
    readonly keepAliveGroupSize: number;
    readonly taskSweepCron: string;
    readonly newsDigestCron: string;
    readonly purgeCron: string;
    readonly auditRetentionDays: number;
  };
  readonly googleApp: {
    /** `testing`: Google expires refresh tokens after `testingRefreshTokenDays`. */
    readonly publishingStatus: 'testing' | 'production';
    readonly testingRefreshTokenDays: number;
  };
}
