import { BlockList, isIPv6 } from 'node:net';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseApiKey, sameHash } from './api-key.js';
import type { ServiceApiScope, ServicePrincipal } from './service-client.js';
import { clientOf } from './service-clients.service.js';
import { invalidCredentials, ServiceApiError } from './service-api.errors.js';

/**
 * How long this instance trusts a key it has checked: a revoked key or a suspended client is
 * refused by every instance within this time (DESIGN.md asks for "within a few seconds").
 */
export const CREDENTIAL_CACHE_MS = 3_000;
/** `last_used_at` is written at most this often per key: a hot key is not a hot row. */
const LAST_USED_EVERY_MS = 60_000;
const CACHE_LIMIT = 10_000;

interface Checked {
  readonly principal: ServicePrincipal;
  readonly secretHash: Buffer;
  readonly allowlist: BlockList | undefined;
  readonly checkedAt: number;
}

type Row = Parameters<typeof clientOf>[0] & {
  key_id: string;
  secret_hash: Buffer;
  api_scopes: ServiceApiScope[];
  key_last_used_at: Date | null;
};

/** Turns a presented API key into the service it belongs to, or refuses it with a 401. */
@Injectable()
export class ServiceCredentials {
  private readonly cache = new Map<string, Checked>();
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {}

  async authenticate(key: string, ip: string): Promise<ServicePrincipal> {
    const parsed = parseApiKey(key);
    if (!parsed) throw invalid();
    const checked = await this.lookup(parsed.lookupPrefix);
    if (!checked || !sameHash(parsed.secretHash, checked.secretHash)) throw invalid();
    assertAddressAllowed(checked.allowlist, ip);
    this.noteUse(checked.principal, ip);
    return checked.principal;
  }

  private async lookup(prefix: string): Promise<Checked | undefined> {
    const cached = this.cache.get(prefix);
    if (cached && Date.now() - cached.checkedAt < CREDENTIAL_CACHE_MS) return cached;
    const [row] = await this.dataSource.query<Row[]>(
      `SELECT c.*, k.id AS key_id, k.secret_hash, k.api_scopes, k.last_used_at AS key_last_used_at
         FROM service_api_keys k JOIN service_clients c ON c.id = k.client_id
        WHERE k.lookup_prefix = $1 AND k.revoked_at IS NULL AND k.expires_at > now()
          AND c.status = 'active'`,
      [prefix],
    );
    if (!row) {
      this.cache.delete(prefix);
      return undefined;
    }
    const client = clientOf(row);
    const checked: Checked = {
      principal: {
        client,
        keyId: row.key_id,
        credentialKind: 'api_key',
        apiScopes: new Set(row.api_scopes),
      },
      secretHash: row.secret_hash,
      allowlist: allowlistOf(client.ipAllowlist),
      checkedAt: Date.now(),
    };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(prefix, checked);
    return checked;
  }

  /** Records the key's and the client's last use, at most once a minute per key. */
  private noteUse(principal: ServicePrincipal, ip: string): void {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(principal.keyId) ?? 0) < LAST_USED_EVERY_MS) return;
    this.lastUsedWritten.set(principal.keyId, now);
    void this.dataSource
      .query(
        `WITH key AS (
           UPDATE service_api_keys SET last_used_at = now(), last_used_ip = $2
            WHERE id = $1 RETURNING client_id)
         UPDATE service_clients SET last_used_at = now() WHERE id = (SELECT client_id FROM key)`,
        [principal.keyId, ip],
      )
      .catch(() => this.lastUsedWritten.delete(principal.keyId));
  }
}

/** 403 `address_not_allowed` unless `ip` is in the allowlist (none: every address). */
export function assertAddressAllowed(allowlist: BlockList | undefined, ip: string): void {
  if (allowlist && !allowlist.check(ip, isIPv6(ip) ? 'ipv6' : 'ipv4')) {
    throw new ServiceApiError(
      'address_not_allowed',
      "The caller's address is outside the client's IP allowlist.",
    );
  }
}

export function allowlistOf(cidrs: readonly string[]): BlockList | undefined {
  if (cidrs.length === 0) return undefined;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address, bits] = cidr.split('/');
    const type = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

function invalid(): ServiceApiError {
  return invalidCredentials(
    'The API key is unknown, revoked or expired, or its client is suspended.',
    true,
  );
}
