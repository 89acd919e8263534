import { Injectable } from '@nestjs/common';
import { type AuditRequestContext, AuditService } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import { UsersService, type VerifiedIdToken } from '@grantkeeper/identity';
import { DataSource } from 'typeorm';
import { AccessTokenBroker } from './access-token.broker.js';
import { GrantEntity } from './grant.entity.js';
import { GrantVault } from './grant-vault.js';
import { GrantsService, type UpstreamRevocation } from './grants.service.js';
import { GoogleCallError, GoogleTokenEndpoint, type GoogleTokens } from '@grantkeeper/google';
import { OfflineAccessError } from './offline-access.errors.js';

/**
 * One live refresh token per grant, whatever Google does on a revoke. Google is reported to end
 * the whole user+client grant on any revoke (the revoke is documented at
 * https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke; the emulator
 * plays the whole-grant effect), so no token is revoked in the hope that another survives: an
 * old token is revoked before a new one could exist, or, when the new one came first, the new
 * one is checked afterwards and consent asked once more if it died too. Used by the code
 * exchange and the redirect flow.
 */
@Injectable()
export class RefreshTokenRetirement {
  private readonly clientId: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly google: GoogleTokenEndpoint,
    private readonly grantVault: GrantVault,
    private readonly grants: GrantsService,
    private readonly broker: AccessTokenBroker,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    config: ConfigService,
  ) {
    this.clientId = config.get('google').webClientId;
  }

  /** Finishes the user's pending revoke at Google, if any (see GrantsService). */
  finishPendingRevocation(userId: string): Promise<'none' | 'done' | 'pending'> {
    return this.grants.finishPendingRevocation(userId);
  }

  /** Finishes the user's pending revoke at Google first; 503 while Google does not answer. */
  async requireNoPendingRevocation(userId: string): Promise<'none' | 'done'> {
    const result = await this.grants.finishPendingRevocation(userId);
    if (result === 'pending') {
      throw new OfflineAccessError(
        'upstream_unavailable',
        'Google has not yet confirmed that your earlier access was removed; try again shortly.',
        { retryAfterSeconds: 30 },
      );
    }
    return result;
  }

  // A code of another account than the one we expected (account_mismatch, or any refusal of
  // resolveUser): the refresh token Google just issued for that account would stay live at
  // Google with nobody holding it. Revoked at once (best effort: it is never stored).
  async resolveOrRevoke(
    tokens: GoogleTokens,
    identity: VerifiedIdToken,
    resolveUser: (identity: VerifiedIdToken) => Promise<string>,
    context: AuditRequestContext,
  ): Promise<string> {
    try {
      return await resolveUser(identity);
    } catch (error) {
      if (tokens.refreshToken) {
        const upstream = await this.google
          .revoke(tokens.refreshToken)
          .catch((): UpstreamRevocation => 'pending');
        await this.audit.record({
          action: 'offline_access.refused_token_revoked',
          actor: { kind: 'system' },
          context,
          details: {
            reason: error instanceof OfflineAccessError ? error.code : 'refused',
            upstream,
          },
        });
        if (upstream !== 'pending') await this.checkOwnGrant(identity.sub);
      }
      throw error;
    }
  }

  // That account may hold a grant here too (a code client that issues a new token to returning
  // users): the revoke may have ended it at Google, so it is proven now, not trusted till later.
  private async checkOwnGrant(sub: string): Promise<void> {
    const owner = await this.users.findByGoogleSub(sub);
    if (!owner) return;
    const grant = await this.grants.forUser(owner.id);
    if (grant?.status === 'active' && grant.refreshTokenEnvelopeId) {
      await this.broker.refreshNow(grant.id);
    }
  }

  /**
   * One live refresh token per grant. A code that brings a new refresh token while the grant
   * still holds one (live, or revoked here with Google's revoke still pending) retires the held
   * one first: revoked at Google before the new one is stored, so the pending revoke is never
   * dropped. If Google's revoke does not answer, the new token is not kept (its revoke is tried
   * at once) and the exchange answers 503; the held token stays as it was, pending revokes
   * included, for the retries.
   */
  async retireHeldToken(
    userId: string,
    tokens: GoogleTokens,
  ): Promise<UpstreamRevocation | undefined> {
    const held = await this.dataSource
      .getRepository(GrantEntity)
      .findOneBy({ userId, clientId: this.clientId });
    if (!held?.refreshTokenEnvelopeId || held.upstreamRevokedAt) return undefined;
    const token = await this.grantVault.open(held, 'refresh');
    const upstream = await this.google.revoke(token).catch((error: unknown) => {
      if (error instanceof GoogleCallError) return 'pending' as const;
      throw error;
    });
    if (upstream === 'pending') {
      await this.google.revoke(tokens.refreshToken!).catch(() => undefined);
      throw new OfflineAccessError(
        'upstream_unavailable',
        'Google is not answering; try again in a moment.',
        { retryAfterSeconds: 30 },
      );
    }
    return upstream;
  }

  /**
   * Google is reported to end the whole user+client grant on any revoke
   * (https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke documents
   * the revoke; the whole-grant effect is what the emulator plays): then the token just stored
   * went with the one it replaced. One refresh tells; a dead grant is marked revoked by it and
   * consent is asked once more, which issues the grant's only token.
   */
  async checkSurvived(
    grant: GrantEntity,
    replaced: UpstreamRevocation,
    context: AuditRequestContext,
  ): Promise<void> {
    const outcome = await this.broker.refreshNow(grant.id);
    await this.audit.record({
      action: 'offline_access.refresh_token_replaced',
      actor: { kind: 'system' },
      subjectUserId: grant.userId,
      grantId: grant.id,
      context,
      details: { upstream: replaced, survived: outcome !== 'revoked' },
    });
    if (outcome === 'revoked') {
      throw new OfflineAccessError(
        'consent_required',
        'Google ended the grant with the token it replaced; ask again with prompt=consent.',
        { grantEnded: true },
      );
    }
  }
}
