import type { AuthorizationRequest } from './authorization-request.js';
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
    issueRefreshToken: req.offline && (first || req.prompt.has('consent')),
  });
  return { code, scopes };
}
