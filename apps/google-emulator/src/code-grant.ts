import { type AuthorizationRequest, POSTMESSAGE } from './authorization-request.js';
import type { EmulatorSettings } from './emulator.context.js';
import type { AuthorizationCode, OAuthGrants } from './oauth-grants.js';

export type CodeRequest = Pick<
  AuthorizationRequest,
  | 'client'
  | 'redirectUri'
  | 'scopes'
  | 'nonce'
  | 'codeChallenge'
  | 'codeChallengeMethod'
  | 'offline'
  | 'includeGrantedScopes'
  | 'prompt'
>;

/**
 * The code client asking again for a user who granted everything before, under the
 * `consent_every_time` setting: Google shows consent and issues a new refresh token (reported,
 * undocumented; `remembered` is the other reported behaviour, see EmulatorSettings).
 */
export function reconsentsReturningUser(
  req: Pick<CodeRequest, 'redirectUri' | 'offline'>,
  returningUser: EmulatorSettings['returningUser'],
): boolean {
  return returningUser === 'consent_every_time' && req.redirectUri === POSTMESSAGE && req.offline;
}

/**
 * Records consent and issues the code. `consented` are the scopes ticked on the consent screen,
 * undefined when remembered consent skipped it. A refresh token comes with the code only with
 * access_type=offline and on the first consent or `prompt=consent`, as at Google
 * (https://developers.google.com/identity/protocols/oauth2/web-server#offline).
 */
export function issueAuthorizationCode(
  grants: OAuthGrants,
  req: CodeRequest,
  sub: string,
  consented?: string[],
  returningUser: EmulatorSettings['returningUser'] = 'remembered',
): { code: AuthorizationCode; scopes: string[] } {
  const clientId = req.client.clientId;
  const first = consented ? grants.consent(sub, clientId, consented).first : false;
  const thisTime = consented ?? req.scopes;
  // include_granted_scopes=true: the code also carries what the user granted earlier.
  const scopes = req.includeGrantedScopes
    ? (grants.grantedScopes(sub, clientId) ?? thisTime)
    : thisTime;
  const code = grants.issueCode({
    sub,
    clientId,
    redirectUri: req.redirectUri,
    scopes,
    nonce: req.nonce,
    codeChallenge: req.codeChallenge,
    codeChallengeMethod: req.codeChallengeMethod,
    offline: req.offline,
    issueRefreshToken:
      req.offline &&
      (first || req.prompt.has('consent') || reconsentsReturningUser(req, returningUser)),
  });
  return { code, scopes };
}
