import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type EnvelopeBinding,
  type SealedEnvelope,
  type SealedRow,
  VaultService,
} from '@grantkeeper/vault';
import type { EntityManager } from 'typeorm';
import type { GrantEntity } from './grant.entity.js';

export type TokenKind = 'refresh' | 'access';

/** What binds a grant's envelopes to it. */
export type GrantOwner = Pick<GrantEntity, 'id' | 'userId'>;

/**
 * The grant's tokens in the vault. Each envelope is bound to its grant and purpose, so an
 * envelope id copied onto another grant's row, or a refresh token opened as an access token,
 * fails to open instead of leaking one user's token to another.
 */
@Injectable()
export class GrantVault {
  constructor(private readonly vault: VaultService) {}

  /** Seals `token` into the grant's envelope of that kind (reusing the envelope row if any). */
  async store(
    grant: GrantEntity,
    kind: TokenKind,
    token: string,
    manager: EntityManager,
  ): Promise<void> {
    const binding = bindingOf(grant, kind);
    if (kind === 'refresh') {
      grant.refreshTokenIdentifier = refreshTokenIdentifier(token);
      // Google's refresh tokens of apps in Testing mode die seven days after this.
      grant.refreshTokenIssuedAt = new Date();
    }
    const current = kind === 'refresh' ? grant.refreshTokenEnvelopeId : grant.accessTokenEnvelopeId;
    if (current) {
      await this.vault.reseal(current, token, binding, manager);
      return;
    }
    const id = await this.vault.seal(token, binding, manager);
    if (kind === 'refresh') grant.refreshTokenEnvelopeId = id;
    else grant.accessTokenEnvelopeId = id;
  }

  /**
   * Seals `token` as the grant's envelope of that kind (envelope `currentId`, or a new one)
   * without writing it: the keep-alive path writes it in the statement that updates the grant.
   */
  sealRow(grant: GrantOwner, kind: TokenKind, token: string, currentId: string | null): SealedRow {
    return this.vault.sealRow(currentId, token, bindingOf(grant, kind));
  }

  /** Opens the grant's envelope of that kind, read by the caller along with the grant. */
  openRow(grant: GrantOwner, kind: TokenKind, id: string, envelope: SealedEnvelope): string {
    return this.vault.openRow(id, envelope, bindingOf(grant, kind));
  }

  async open(grant: GrantEntity, kind: TokenKind, manager?: EntityManager): Promise<string> {
    const id = kind === 'refresh' ? grant.refreshTokenEnvelopeId : grant.accessTokenEnvelopeId;
    if (!id) throw new Error(`grant ${grant.id} has no ${kind} token envelope`);
    return this.vault.open(id, bindingOf(grant, kind), manager);
  }

  /** Deletes the envelope of that kind and clears the reference on `grant` (not saved here). */
  async purge(grant: GrantEntity, kind: TokenKind, manager: EntityManager): Promise<void> {
    const id = kind === 'refresh' ? grant.refreshTokenEnvelopeId : grant.accessTokenEnvelopeId;
    if (!id) return;
    await this.vault.purge(id, manager);
    if (kind === 'refresh') {
      grant.refreshTokenEnvelopeId = null;
      grant.refreshTokenIdentifier = null;
    } else {
      grant.accessTokenEnvelopeId = null;
      grant.accessTokenExpiresAt = null;
    }
  }
}

/**
 * Google's `hash_base64_sha512_sha512` token identifier: base64 of SHA-512 over the SHA-512 of
 * the token (https://developers.google.com/identity/protocols/risc#token_identifiers).
 */
export function refreshTokenIdentifier(token: string): string {
  const inner = createHash('sha512').update(token, 'utf8').digest();
  return createHash('sha512').update(inner).digest('base64');
}

function bindingOf(grant: GrantOwner, kind: TokenKind): EnvelopeBinding {
  return tokenBinding(grant.id, grant.userId, kind);
}

/**
 * What a grant's token envelope is bound to: its purpose, the grant and the grant's user. Sealing
 * in bulk outside the vault service (the seed command) must bind envelopes exactly like this.
 */
export function tokenBinding(grantId: string, userId: string, kind: TokenKind): EnvelopeBinding {
  return {
    purpose: kind === 'refresh' ? 'google_refresh_token' : 'google_access_token',
    owner: `grant:${grantId}:user:${userId}`,
  };
}
