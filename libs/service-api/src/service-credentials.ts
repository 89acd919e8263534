import { BlockList, isIPv6 } from 'node:net';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseApiKey, sameHash } from './api-key.js';
import type { ServiceApiScope, ServicePrincipal } from './service-client.js';
import { type CheckedCredential, CheckedCredentials } from './checked-credentials.js';
import { clientOf } from './service-clients.service.js';
import { invalidCredentials, ServiceApiError } from './service-api.errors.js';

type Row = Parameters<typeof clientOf>[0] & {
  key_id: string;
  secret_hash: Buffer;
  api_scopes: ServiceApiScope[];
};

/** Turns a presented API key into the service it belongs to, or refuses it with a 401. */
@Injectable()
export class ServiceCredentials {
  constructor(
    private readonly dataSource: DataSource,
    private readonly checked: CheckedCredentials,
  ) {}

  async authenticate(key: string, ip: string): Promise<ServicePrincipal> {
    const parsed = parseApiKey(key);
    if (!parsed) throw invalid();
    const checked =
      this.checked.fresh('api_key', parsed.lookupPrefix) ?? (await this.load(parsed.lookupPrefix));
    if (!checked || !sameHash(parsed.secretHash, checked.secretHash)) throw invalid();
    assertAddressAllowed(checked.allowlist, ip);
    this.noteUse(checked.principal, ip);
    return checked.principal;
  }

  private async load(prefix: string): Promise<CheckedCredential | undefined> {
    const [row] = await this.dataSource.query<Row[]>(
      `SELECT c.*, k.id AS key_id, k.secret_hash, k.api_scopes
         FROM service_api_keys k JOIN service_clients c ON c.id = k.client_id
        WHERE k.lookup_prefix = $1 AND k.revoked_at IS NULL AND k.expires_at > now()
          AND c.status = 'active'`,
      [prefix],
    );
    const checked = row && checkedOf(row, row.key_id, 'api_key');
    this.checked.remember('api_key', prefix, checked);
    return checked;
  }

  /** Records the key's and the client's last use, at most once a minute per key. */
  private noteUse(principal: ServicePrincipal, ip: string): void {
    if (!this.checked.useNoteDue(principal.keyId)) return;
    void this.dataSource
      .query(
        `WITH key AS (
           UPDATE service_api_keys SET last_used_at = now(), last_used_ip = $2
            WHERE id = $1 RETURNING client_id)
         UPDATE service_clients SET last_used_at = now() WHERE id = (SELECT client_id FROM key)`,
        [principal.keyId, ip],
      )
      .catch(() => this.checked.writeFailed(principal.keyId));
  }
}

/** The cache entry for a credential row joined with its client's row. */
export function checkedOf(
  row: Parameters<typeof clientOf>[0] & { secret_hash: Buffer; api_scopes: ServiceApiScope[] },
  credentialId: string,
  credentialKind: ServicePrincipal['credentialKind'],
  expiresAt?: number,
): CheckedCredential {
  const client = clientOf(row);
  return {
    principal: { client, keyId: credentialId, credentialKind, apiScopes: new Set(row.api_scopes) },
    secretHash: row.secret_hash,
    allowlist: allowlistOf(client.ipAllowlist),
    checkedAt: Date.now(),
    expiresAt,
  };
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
