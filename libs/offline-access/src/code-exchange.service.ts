import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AuditRequestContext, AuditService } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import { GoogleIdTokenVerifier, type VerifiedIdToken } from '@grantkeeper/identity';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessTokenBroker } from './access-token.broker.js';
import { GrantEntity } from './grant.entity.js';
import { GrantVault } from './grant-vault.js';
import {
  GoogleCallError,
  GoogleTokenEndpoint,
  type GoogleTokens,
  MAX_AUTHORIZATION_CODE_LENGTH,
} from '@grantkeeper/google';
import { OfflineAccessError } from './offline-access.errors.js';
import { RefreshTokenRetirement } from './refresh-token-retirement.js';
import { normaliseScopes } from './scopes.js';

/** Where the code came from: the GIS popup (`postmessage`) or our redirect callback. */
export interface CodeSource {
  readonly redirectUri: string;
  readonly codeVerifier?: string;
}

export interface ExchangeResult {
  readonly grant: GrantEntity;
  /** The verified ID token of the token response: who consented. */
  readonly identity: VerifiedIdToken;
  readonly created: boolean;
}

/**
 * Turns a one-time authorization code into a stored grant (Google's "code model"):
 * https://developers.google.com/identity/oauth2/web/guides/use-code-model
 *
 * The refresh token goes straight into the vault; only the scopes Google actually granted are
 * recorded; a response without a refresh token never blanks the one we have.
 */
@Injectable()
export class CodeExchangeService {
  private readonly clientId: string;
  private readonly proofWindowMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly google: GoogleTokenEndpoint,
    private readonly verifier: GoogleIdTokenVerifier,
    private readonly grantVault: GrantVault,
    private readonly audit: AuditService,
    private readonly broker: AccessTokenBroker,
    private readonly retirement: RefreshTokenRetirement,
    config: ConfigService,
  ) {
    this.clientId = config.get('google').webClientId;
    this.proofWindowMs = config.get('offlineAccess').proofWindowSeconds * 1000;
  }

  /**
   * Exchanges `code` and stores the grant for the user `resolveUser` names for the code's
   * Google account. `resolveUser` may refuse (a code of another account than the signed-in one).
   */
  async exchange(
    code: string,
    source: CodeSource,
    resolveUser: (identity: VerifiedIdToken) => Promise<string>,
    context: AuditRequestContext,
    signedInUserId?: string,
  ): Promise<ExchangeResult> {
    assertCodeLength(code);
    // The refresh token comes into being at the exchange: with the old one's revoke still
    // pending at Google, the code is not exchanged, so the user never has two live tokens.
    const retired = signedInUserId
      ? await this.retirement.requireNoPendingRevocation(signedInUserId)
      : 'none';
    const tokens = await this.exchangeAtGoogle(code, source, context).catch((error: unknown) => {
      // Google ended the user's whole grant with that revoke, the code just issued with it.
      if (
        retired === 'done' &&
        error instanceof OfflineAccessError &&
        error.code === 'invalid_code'
      )
        throw new OfflineAccessError(
          'consent_required',
          'Google ended the earlier grant; ask again with prompt=consent.',
          { cause: error, grantEnded: true },
        );
      throw error;
    });
    return this.accept(tokens, resolveUser, context);
  }

  /**
   * Stores tokens a code exchange returned (ours above, or passport's in the redirect flow):
   * the ID token among them says whose they are.
   */
  async accept(
    tokens: GoogleTokens,
    resolveUser: (identity: VerifiedIdToken) => Promise<string>,
    context: AuditRequestContext,
  ): Promise<ExchangeResult> {
    if (!tokens.idToken) {
      throw new OfflineAccessError('invalid_code', 'Google returned no ID token for this code.');
    }
    const identity = await this.verifier.verify(tokens.idToken);
    const userId = await this.retirement.resolveOrRevoke(tokens, identity, resolveUser, context);
    if (!tokens.refreshToken) {
      // Google remembers a consent our grant no longer has (revoked here, Google's revoke still
      // pending): finished now, so the consent asked next issues the grant's only token.
      await this.retirement.finishPendingRevocation(userId);
      // A returning user: Google kept no new refresh token for us, so ours must still work.
      // Proven at Google (a refresh, unless proven within the window) before the grant is
      // called live; one Google refuses is marked revoked now, and consent is asked again.
      await this.broker.proveAlive(userId, this.proofWindowMs);
    }
    const replaced = tokens.refreshToken
      ? await this.retirement.retireHeldToken(userId, tokens)
      : undefined;
    const { grant, created } = await this.dataSource.transaction((manager) =>
      this.store(userId, tokens, manager, replaced !== undefined),
    );
    await this.audit.record({
      action: created ? 'offline_access.grant_created' : 'offline_access.grant_updated',
      actor: { kind: 'user', id: userId },
      subjectUserId: userId,
      grantId: grant.id,
      context,
      details: { scopes: grant.scopes, refresh_token_issued: tokens.refreshToken !== undefined },
    });
    if (replaced) await this.retirement.checkSurvived(grant, replaced, context);
    return { grant, identity, created };
  }

  private async exchangeAtGoogle(
    code: string,
    source: CodeSource,
    context: AuditRequestContext,
  ): Promise<GoogleTokens> {
    try {
      const tokens = await this.google.exchangeCode(code, source);
      await this.audit.record({
        action: 'offline_access.code_exchanged',
        actor: { kind: 'anonymous' },
        context,
        details: { scopes: normaliseScopes(tokens.scopes) },
      });
      return tokens;
    } catch (error) {
      if (!(error instanceof GoogleCallError)) throw error;
      await this.audit.record({
        action: 'offline_access.code_exchange_failed',
        actor: { kind: 'anonymous' },
        context,
        details: { reason: error.reason },
      });
      if (error.failure === 'transient') {
        throw new OfflineAccessError(
          'upstream_unavailable',
          'Google is not answering; try again.',
          {
            cause: error,
            retryAfterSeconds: error.retryAfterSeconds,
          },
        );
      }
      throw new OfflineAccessError(
        'invalid_code',
        'The authorization code is invalid, expired or already used.',
        { cause: error },
      );
    }
  }

  // Runs in one transaction with the user's grant row locked, so two exchanges for the same
  // user can't both create a grant or interleave their envelope writes.
  private async store(
    userId: string,
    tokens: GoogleTokens,
    manager: EntityManager,
    heldRetired = false,
  ): Promise<{ grant: GrantEntity; created: boolean }> {
    const repository = manager.getRepository(GrantEntity);
    const existing = await repository.findOne({
      where: { userId, clientId: this.clientId },
      lock: { mode: 'pessimistic_write' },
    });
    const scopes = normaliseScopes(tokens.scopes);
    if (!tokens.refreshToken) {
      // Google sends a refresh token only on first consent: without one, a live grant is kept
      // (its scopes grow by what was just granted); without a live grant, consent must be asked
      // again with prompt=consent.
      if (!existing || existing.status !== 'active' || !existing.refreshTokenEnvelopeId) {
        throw new OfflineAccessError(
          'consent_required',
          'Google did not return a refresh token; ask again with prompt=consent.',
        );
      }
      existing.scopes = normaliseScopes([...existing.scopes, ...scopes]);
      await this.cacheAccessToken(existing, tokens, manager);
      existing.updatedAt = new Date();
      await repository.save(existing, { reload: false });
      return { grant: existing, created: false };
    }
    // A new grant's id is chosen here: its envelopes are bound to it before the row is written.
    const grant =
      existing ??
      repository.create({
        id: randomUUID(),
        userId,
        clientId: this.clientId,
        createdAt: new Date(),
      });
    // Tokens of this grant that may still be live at Google: none was left behind when the held
    // one was just revoked, or was dead already.
    const heldLive =
      !heldRetired && grant.refreshTokenEnvelopeId !== null && !grant.upstreamRevokedAt;
    reactivate(grant, scopes, heldLive);
    grant.refreshTokenExpiresAt = tokens.refreshTokenExpiresAt ?? null;
    await this.grantVault.store(grant, 'refresh', tokens.refreshToken, manager);
    await this.cacheAccessToken(grant, tokens, manager);
    await repository.save(grant, { reload: false });
    return { grant, created: !existing };
  }

  private async cacheAccessToken(
    grant: GrantEntity,
    tokens: GoogleTokens,
    manager: EntityManager,
  ): Promise<void> {
    await this.grantVault.store(grant, 'access', tokens.accessToken, manager);
    grant.accessTokenExpiresAt = tokens.expiresAt;
  }
}

/** A fresh consent brings a grant back to life, whatever happened to it before. */
function reactivate(grant: GrantEntity, scopes: string[], heldLive: boolean): void {
  const now = new Date();
  grant.status = 'active';
  grant.scopes = scopes;
  grant.refreshTokensIssued = heldLive ? (grant.refreshTokensIssued ?? 0) + 1 : 1;
  grant.failureCount = 0;
  grant.lastError = null;
  grant.nextRefreshAt = null;
  grant.revokedAt = null;
  grant.revokedBy = null;
  grant.revocationReason = null;
  grant.upstreamRevokedAt = null;
  grant.reauthRequiredAt = null;
  grant.updatedAt = now;
}

/**
 * Google's codes are far shorter than its 256-byte cap; a longer one is not worth a round trip
 * (SECURITY-CASES). Checked before the popup code's exchange and the redirect callback alike.
 */
export function assertCodeLength(code: string): void {
  if (Buffer.byteLength(code) > MAX_AUTHORIZATION_CODE_LENGTH) {
    throw new OfflineAccessError('code_too_long', 'The authorization code is too long.');
  }
}
