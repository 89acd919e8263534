import { Injectable } from '@nestjs/common';
import type { AuditRequestContext } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import {
  type AuthenticatedUser,
  SignInService,
  type SignInResult,
  type UserEntity,
  UsersService,
} from '@grantkeeper/identity';
import {
  type GoogleCallbackParameters,
  type Profile,
  Strategy as GoogleStrategy,
  type StrategyOptionsWithRequest,
  type VerifyCallback,
} from 'passport-google-oauth20';
import { assertCodeLength, CodeExchangeService } from './code-exchange.service.js';
import type { GoogleTokens } from '@grantkeeper/google';
import { GrantsService } from './grants.service.js';
import { OfflineAccessError } from './offline-access.errors.js';
import { runStrategy } from './passport-strategy.runner.js';
import { RefreshTokenRetirement } from './refresh-token-retirement.js';
import {
  type RedirectFlow,
  type RedirectRequest,
  RedirectStateStore,
} from './redirect-state.store.js';
import { SIGN_IN_SCOPES } from './scopes.js';

/** What passport's verify callback hands back: the raw token response. */
interface PassportTokens {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly params: { expires_in?: number; scope?: string; id_token?: string };
}

/** How a callback ended, for the controller to turn into a redirect. */
export interface RedirectFlowResult {
  /** Where to send the browser: the flow's local return path, or the next attempt. */
  readonly location: string;
  /** Set when the flow also signed the user in. */
  readonly signedIn?: SignInResult;
}

/**
 * The server-side redirect variant of the code flow, for pages that can't use popups, through
 * passport-google-oauth20: `access_type=offline`, PKCE S256, `include_granted_scopes`, and a
 * single-use `state` bound to the browser. `prompt=consent` is asked only when we hold no live
 * refresh token for the user: Google keeps at most 100 refresh tokens per user and client and
 * silently kills the oldest, so prompting on every sign-in would churn them.
 *
 * The callback's code exchange is passport's own (node-oauth), the one call to Google outside
 * `@grantkeeper/google`: passport-oauth2 checks the `state` against its store, takes the PKCE
 * `code_verifier` out of it and exchanges the code in one step inside `authenticate()`. Taking
 * the exchange over would mean re-implementing that callback (state, PKCE, Google's `error`
 * parameters) and so changing the redirect flow itself; its deadline is `runStrategy`'s.
 */
@Injectable()
export class RedirectFlowService {
  private readonly strategy: GoogleStrategy;
  private readonly scopes: string[];
  private readonly deadlineMs: number;

  constructor(
    config: ConfigService,
    private readonly states: RedirectStateStore,
    private readonly exchange: CodeExchangeService,
    private readonly grants: GrantsService,
    private readonly users: UsersService,
    private readonly signIn: SignInService,
    private readonly retirement: RefreshTokenRetirement,
  ) {
    const google = config.get('google');
    this.scopes = [...SIGN_IN_SCOPES, ...config.get('offlineAccess').scopes];
    this.deadlineMs = google.httpTimeoutMs * 2;
    const options: StrategyOptionsWithRequest = {
      clientID: google.webClientId,
      clientSecret: google.clientSecret,
      callbackURL: config.get('offlineAccess').redirectUri,
      authorizationURL: google.urls.auth,
      tokenURL: google.urls.token,
      userProfileURL: google.urls.userinfo,
      passReqToCallback: true,
      // The ID token in the token response says who it is; no extra userinfo round trip.
      skipUserProfile: true,
      pkce: true,
      store: states as unknown as StrategyOptionsWithRequest['store'],
      state: true,
    };
    this.strategy = new GoogleStrategy(
      options,
      (
        _req: unknown,
        accessToken: string,
        refreshToken: string,
        params: GoogleCallbackParameters,
        _profile: Profile,
        done: VerifyCallback,
      ) => done(null, { accessToken, refreshToken, params }),
    );
  }

  /**
   * The URL of Google's authorization page for a new flow in the browser bound by `binding`.
   * `scopes`, when given, replace the configured offline scopes (incremental authorization:
   * a consent request's scopes, next to the sign-in ones; `include_granted_scopes` keeps the
   * rest, and the exchange adds what was granted to the grant).
   */
  async start(
    user: AuthenticatedUser | undefined,
    returnTo: string,
    askConsent: boolean,
    binding: string,
    loginHint?: string,
    scopes?: readonly string[],
  ): Promise<string> {
    // A signed-in user's old refresh token is revoked at Google before a new one can be issued.
    if (user) await this.retirement.requireNoPendingRevocation(user.id);
    const forcedConsent = askConsent || (user !== undefined && !(await this.hasLiveGrant(user)));
    const request: RedirectRequest = {
      query: {},
      headers: {},
      binding,
      flow: { userId: user?.id ?? null, returnTo, forcedConsent },
    };
    const outcome = await runStrategy(
      this.strategy,
      request,
      {
        scope: scopes ? [...new Set([...SIGN_IN_SCOPES, ...scopes])] : this.scopes,
        accessType: 'offline',
        includeGrantedScopes: true,
        prompt: forcedConsent ? 'consent' : undefined,
        loginHint: user?.email ?? loginHint,
      },
      this.deadlineMs,
    );
    if (outcome.kind !== 'redirect')
      throw new Error(`redirect flow did not start (${outcome.kind})`);
    return outcome.url;
  }

  /** Google's callback: checks `state`, exchanges the code, stores the grant. */
  async complete(
    query: Record<string, unknown>,
    binding: string | undefined,
    previousSession: string | undefined,
    context: AuditRequestContext,
  ): Promise<RedirectFlowResult> {
    if (typeof query.error === 'string') return this.cancelled(query, binding);
    checkCallback(query);
    const outcome = await runStrategy(
      this.strategy,
      { query, headers: {}, binding } satisfies RedirectRequest,
      {},
      this.deadlineMs,
    );
    switch (outcome.kind) {
      case 'success':
        break;
      case 'fail':
        throw invalidState();
      case 'redirect':
        throw invalidState();
      case 'error':
        throw fromPassportError(outcome.error);
    }
    const flow = (outcome.info as { state: RedirectRequest['flow'] }).state!;
    let visitor: UserEntity | undefined;
    try {
      await this.acceptTokens(outcome.user as PassportTokens, flow, context, (user) => {
        visitor = user;
      });
    } catch (error) {
      // A visitor signing in (required mode) leaves without a session: on the record.
      if (!flow.userId) {
        const code = error instanceof OfflineAccessError ? error.code : 'error';
        await this.signIn.refuseWithoutGrant(context, code, visitor?.id);
      }
      const retry = this.consentAgain(error, flow, visitor);
      if (retry) return { location: retry };
      throw error;
    }
    // The session starts only once the grant is stored.
    const signedIn = visitor
      ? await this.signIn.startSession(visitor, context, 'google_code', previousSession)
      : undefined;
    return { location: flow.returnTo, signedIn };
  }

  private async acceptTokens(
    tokens: PassportTokens,
    flow: RedirectFlow,
    context: AuditRequestContext,
    onVisitor: (user: UserEntity) => void,
  ): Promise<void> {
    await this.exchange.accept(
      tokensOf(tokens),
      async (identity) => {
        if (flow.userId) return this.requireSameAccount(flow.userId, identity.sub);
        const visitor = await this.users.upsertFromIdToken(identity, { signIn: true });
        onVisitor(visitor);
        return visitor.id;
      },
      context,
    );
  }

  // Google kept no refresh token for us (consent given before), or the grant ended with the
  // token a new one replaced: ask once more, with consent, by redirect (no popup to be blocked).
  private consentAgain(
    error: unknown,
    flow: RedirectFlow,
    visitor: UserEntity | undefined,
  ): string | undefined {
    if (
      !(error instanceof OfflineAccessError) ||
      error.code !== 'consent_required' ||
      (flow.forcedConsent && !error.grantEnded)
    ) {
      return undefined;
    }
    const hint = visitor?.email ? `&login_hint=${encodeURIComponent(visitor.email)}` : '';
    return `/auth/google?prompt=consent${hint}&return_to=${encodeURIComponent(flow.returnTo)}`;
  }

  private async cancelled(
    query: Record<string, unknown>,
    binding: string | undefined,
  ): Promise<RedirectFlowResult> {
    const found = await this.states.consume(query.state, binding);
    if (!found) throw invalidState();
    const separator = found.flow.returnTo.includes('?') ? '&' : '?';
    // Only access_denied is the user saying no
    // (https://developers.google.com/identity/protocols/oauth2/web-server#handlingresponse);
    // any other error is Google refusing the request, which the page must not call a cancel.
    const error = String(query.error);
    const outcome =
      error === 'access_denied'
        ? 'offline_access=denied'
        : `offline_access=failed&google_error=${/^[a-z_]{1,64}$/.test(error) ? error : 'unknown'}`;
    return { location: `${found.flow.returnTo}${separator}${outcome}` };
  }

  private async hasLiveGrant(user: AuthenticatedUser): Promise<boolean> {
    const grant = await this.grants.forUser(user.id);
    return grant?.status === 'active' && grant.refreshTokenEnvelopeId !== null;
  }

  private async requireSameAccount(userId: string, sub: string): Promise<string> {
    const user = await this.users.findById(userId);
    if (!user || user.googleSub !== sub) {
      throw new OfflineAccessError(
        'account_mismatch',
        'You chose another Google account than the one signed in.',
      );
    }
    return user.id;
  }
}

function tokensOf({ accessToken, refreshToken, params }: PassportTokens): GoogleTokens {
  return {
    accessToken,
    refreshToken: refreshToken || undefined,
    expiresAt: new Date(Date.now() + (Number(params.expires_in) || 3600) * 1000),
    scopes: (params.scope ?? '').split(' ').filter(Boolean),
    idToken: params.id_token,
  };
}

/**
 * The callback's own checks, before anything calls Google: a `state` and a `code` that are
 * plain strings (not arrays from `?code[]=`, not empty), and a code no longer than Google's.
 */
function checkCallback(query: Record<string, unknown>): void {
  const state: unknown = Object.getOwnPropertyDescriptor(query, 'state')?.value;
  const code: unknown = Object.getOwnPropertyDescriptor(query, 'code')?.value;
  if (typeof state !== 'string' || state === '') throw invalidState();
  if (typeof code !== 'string' || code === '') {
    throw new OfflineAccessError('malformed_request', 'The callback has no authorization code.');
  }
  assertCodeLength(code);
}

function invalidState(): OfflineAccessError {
  return new OfflineAccessError(
    'invalid_state',
    'This sign-in link is invalid, expired or already used. Please start again.',
  );
}

// passport-oauth2 raises TokenError for Google's JSON errors and InternalOAuthError otherwise.
function fromPassportError(error: unknown): OfflineAccessError {
  const code = (error as { code?: unknown } | null)?.code;
  const status = (error as { oauthError?: { statusCode?: number } } | null)?.oauthError?.statusCode;
  if (typeof code === 'string' && code !== 'server_error' && code !== 'temporarily_unavailable') {
    return new OfflineAccessError('invalid_code', 'Google refused the authorization code.', {
      cause: error,
    });
  }
  if (status !== undefined && status >= 400 && status < 500 && status !== 429) {
    return new OfflineAccessError('invalid_code', 'Google refused the authorization code.', {
      cause: error,
    });
  }
  return new OfflineAccessError('upstream_unavailable', 'Google is not answering; try again.', {
    cause: error,
    retryAfterSeconds: 5,
  });
}
