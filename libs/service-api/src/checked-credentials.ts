import type { BlockList } from 'node:net';
import { Injectable } from '@nestjs/common';
import type { ServicePrincipal } from './service-client.js';

/**
 * How long an instance trusts a credential it has checked: a revoked key or a suspended client
 * is refused by every instance within this time (DESIGN.md asks for "within a few seconds"),
 * and at once by the instance the admin's change went through ({@link CheckedCredentials.forgetClient}).
 */
export const CREDENTIAL_CACHE_MS = 3_000;
/** `last_used_at` is written at most this often per credential: a hot key is not a hot row. */
const LAST_USED_EVERY_MS = 60_000;
/** Entries kept per map before it is emptied: bounded memory whatever callers present. */
const CACHE_LIMIT = 10_000;

/** One checked API key or access token. */
export interface CheckedCredential {
  readonly principal: ServicePrincipal;
  readonly secretHash: Buffer;
  readonly allowlist: BlockList | undefined;
  readonly checkedAt: number;
  /** When the credential itself dies, however fresh the entry (access tokens). */
  readonly expiresAt?: number;
}

/**
 * The API keys and access tokens this instance has checked, by kind and lookup prefix, shared
 * by both checkers so that an admin's change to a client drops every credential of it in one
 * place. Also paces the `last_used_at` writes.
 */
@Injectable()
export class CheckedCredentials {
  private readonly entries = new Map<string, CheckedCredential>();
  private readonly useNotedAt = new Map<string, number>();

  /** The entry for this credential while it is trusted; undefined means: read the database. */
  fresh(kind: ServicePrincipal['credentialKind'], prefix: string): CheckedCredential | undefined {
    const entry = this.entries.get(`${kind}:${prefix}`);
    const now = Date.now();
    if (!entry || now - entry.checkedAt >= CREDENTIAL_CACHE_MS) return undefined;
    // Past its expiry the credential is dead, however fresh the entry.
    return entry.expiresAt === undefined || now < entry.expiresAt ? entry : undefined;
  }

  remember(
    kind: ServicePrincipal['credentialKind'],
    prefix: string,
    entry: CheckedCredential | undefined,
  ): void {
    const key = `${kind}:${prefix}`;
    if (!entry) {
      this.entries.delete(key);
      return;
    }
    if (this.entries.size >= CACHE_LIMIT) this.entries.clear();
    this.entries.set(key, entry);
  }

  /** After an admin changed, suspended or deleted a client, or revoked one of its keys. */
  forgetClient(clientId: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.principal.client.id === clientId) this.entries.delete(key);
    }
  }

  /**
   * True when the credential's last use is due to be written (at most once a minute each);
   * `writeFailed` lets the next use try again.
   */
  useNoteDue(credentialId: string): boolean {
    const now = Date.now();
    if (now - (this.useNotedAt.get(credentialId) ?? 0) < LAST_USED_EVERY_MS) return false;
    if (this.useNotedAt.size >= CACHE_LIMIT) this.useNotedAt.clear();
    this.useNotedAt.set(credentialId, now);
    return true;
  }

  writeFailed(credentialId: string): void {
    this.useNotedAt.delete(credentialId);
  }
}
