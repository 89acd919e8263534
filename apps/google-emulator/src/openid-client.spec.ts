// An independent, certified relying party against the emulator: panva's openid-client runs the
// code flow with PKCE and nonce through the chooser and consent pages, userinfo, refresh and
// revoke, each answer under its own validation, ID token signatures checked against the JWKS.
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './emulator.app.js';
import { emulatorConfig } from './emulator.config.js';
import { authorizeInBrowser } from './testing/oauth-browser.js';
import { DEFAULT_TEST_USER } from './test-users.js';

const CALLBACK = 'http://localhost:3000/auth/google/callback';
// A secret form encoding changes (RFC 6749 §2.3.1): client_secret_basic must decode it back.
const CLIENT = {
  clientId: 'rp.apps.googleusercontent.com',
  clientSecret: 'a secret+with/odd:chars',
  javascriptOrigins: ['http://localhost:3000'],
  redirectUris: [CALLBACK],
};
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';

describe('openid-client (a certified relying party) against the emulator', () => {
  let emulator: RunningEmulator;
  let config: oidc.Configuration;

  /** The code flow as openid-client builds it, walked through the emulator's pages. */
  async function codeFlow(extra: Record<string, string> = {}) {
    const verifier = oidc.randomPKCECodeVerifier();
    const nonce = oidc.randomNonce();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: `openid email profile ${GMAIL_SEND}`,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      nonce,
      state,
      access_type: 'offline',
      ...extra,
    });
    expect(`${url.origin}${url.pathname}`).toBe(`${emulator.url}/o/oauth2/v2/auth`);
    const outcome = await authorizeInBrowser(emulator.app, Object.fromEntries(url.searchParams));
    return { outcome, verifier, nonce, state };
  }

  beforeAll(async () => {
    emulator = await startEmulator(emulatorConfig({ port: 0, clients: [CLIENT] }));
    // The document's issuer is Google's (tokens carry it), not the emulator's URL, so discovery()
    // would refuse it: the metadata is fetched here and handed over as it is.
    const metadata = (await (
      await fetch(`${emulator.url}/.well-known/openid-configuration`)
    ).json()) as oidc.ServerMetadata;
    config = new oidc.Configuration(
      metadata,
      CLIENT.clientId,
      { client_secret: CLIENT.clientSecret },
      oidc.ClientSecretBasic(CLIENT.clientSecret),
    );
    oidc.allowInsecureRequests(config);
    // ID tokens from the token endpoint are signature-checked against jwks_uri too.
    oidc.enableNonRepudiationChecks(config);
  });
  afterAll(() => emulator?.close());
  // No reset between tests: it makes a fresh signing key, and openid-client (rightly) waits
  // 30 s before fetching a JWKS again for an unknown kid.

  it('runs the code flow with PKCE and nonce, then userinfo, refresh and revoke', async () => {
    const { outcome, verifier, nonce, state } = await codeFlow();
    expect(outcome.shown).toEqual(['chooser', 'consent']);

    const tokens = await oidc.authorizationCodeGrant(config, outcome.location!, {
      pkceCodeVerifier: verifier,
      expectedNonce: nonce,
      expectedState: state,
      idTokenExpected: true,
    });

    expect(tokens.token_type).toBe('bearer');
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      iss: 'https://accounts.google.com',
      aud: CLIENT.clientId,
      sub: DEFAULT_TEST_USER.sub,
      email: DEFAULT_TEST_USER.email,
      nonce,
    });
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(userinfo).toMatchObject({ sub: DEFAULT_TEST_USER.sub, email: DEFAULT_TEST_USER.email });

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).toMatch(/^ya29\./);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.scope?.split(' ')).toContain(GMAIL_SEND);

    await oidc.tokenRevocation(config, tokens.refresh_token!);
    const afterRevoke = await oidc
      .refreshTokenGrant(config, tokens.refresh_token!)
      .catch((error: unknown) => error);
    expect(afterRevoke).toBeInstanceOf(oidc.ResponseBodyError);
    expect(afterRevoke).toMatchObject({ error: 'invalid_grant', status: 400 });
    const userinfoAfter = await oidc
      .fetchUserInfo(config, refreshed.access_token, claims.sub)
      .catch((error: unknown) => error);
    expect(userinfoAfter).toBeInstanceOf(oidc.WWWAuthenticateChallengeError);
  });

  it('answers errors it can parse: a wrong verifier, a replayed code, a denied consent', async () => {
    const { outcome, verifier, nonce, state } = await codeFlow({ prompt: 'consent' });
    const wrong = await oidc
      .authorizationCodeGrant(config, outcome.location!, {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
        expectedNonce: nonce,
        expectedState: state,
      })
      .catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(oidc.ResponseBodyError);
    expect(wrong).toMatchObject({ error: 'invalid_grant' });
    const checks = { pkceCodeVerifier: verifier, expectedNonce: nonce, expectedState: state };
    await oidc.authorizationCodeGrant(config, outcome.location!, checks);
    const replay = await oidc
      .authorizationCodeGrant(config, outcome.location!, checks)
      .catch((error: unknown) => error);
    expect(replay).toMatchObject({ error: 'invalid_grant' });

    const deniedState = oidc.randomState();
    const cancelled = await authorizeInBrowser(
      emulator.app,
      Object.fromEntries(
        oidc.buildAuthorizationUrl(config, {
          redirect_uri: CALLBACK,
          scope: 'openid email',
          state: deniedState,
          prompt: 'consent',
        }).searchParams,
      ),
      { action: 'cancel' },
    );
    expect(cancelled.shown).toEqual(['chooser', 'consent']);
    const refusal = await oidc
      .authorizationCodeGrant(config, cancelled.location!, { expectedState: deniedState })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(oidc.AuthorizationResponseError);
    expect(refusal).toMatchObject({ error: 'access_denied' });
  });

  it('refuses a verifier for a code whose request had no challenge (PKCE downgrade)', async () => {
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: 'openid email',
      state,
    });
    const outcome = await authorizeInBrowser(emulator.app, Object.fromEntries(url.searchParams));
    const downgraded = await oidc
      .authorizationCodeGrant(config, outcome.location!, {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
        expectedState: state,
      })
      .catch((error: unknown) => error);
    expect(downgraded).toMatchObject({ error: 'invalid_grant' });
  });

  it('finds in discovery only what the emulator implements', () => {
    const metadata = config.serverMetadata();
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.grant_types_supported).toEqual(['authorization_code', 'refresh_token']);
    expect(metadata.device_authorization_endpoint).toBeUndefined();
  });
});
