import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { VaultService } from '@grantkeeper/vault';
import { DataSource } from 'typeorm';
import { OAuthStateEntity } from './oauth-state.entity.js';

/** A redirect flow may take this long between our redirect and Google's callback. */
const STATE_LIFETIME_MS = 10 * 60_000;
/** 256 random bits, base64url: what {@link RedirectStateStore} hands out as `state`. */
const STATE_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** What the start of a flow records, for the callback to act on. */
export interface RedirectFlow {
  readonly userId: string | null;
  readonly returnTo: string;
  readonly forcedConsent: boolean;
}

/** The request as passport's strategy sees it, with our fields for the store. */
export interface RedirectRequest {
  readonly query: Record<string, unknown>;
  readonly headers: Record<string, unknown>;
  /** Set when starting: what to record. */
  readonly flow?: RedirectFlow;
  /** The browser-binding cookie: new when starting, as sent back at the callback. */
  readonly binding?: string;
}

type StoreCallback = (error: Error | null, state?: string) => void;
type VerifyCallback = (error: Error | null, verifier?: string | false, flow?: unknown) => void;

/**
 * passport-oauth2's state store for PKCE (the five- and four-argument `store`/`verify` it calls):
 * every `state` is single-use, expires in ten minutes, and only completes in the browser that
 * started it (the binding cookie). RFC 9700 §2.1 and §4.7.
 */
@Injectable()
export class RedirectStateStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: VaultService,
  ) {}

  // The arity is what passport-oauth2 looks at to pass the PKCE verifier: keep five parameters.
  store(
    req: RedirectRequest,
    verifier: string,
    _state: unknown,
    _meta: unknown,
    done: StoreCallback,
  ) {
    this.create(req, verifier).then(
      (state) => done(null, state),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  }

  verify(req: RedirectRequest, state: unknown, _meta: unknown, done: VerifyCallback) {
    this.consume(state, req.binding).then(
      (found) => (found ? done(null, found.verifier, found.flow) : done(null, false)),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  }

  /**
   * Uses up `state` (also when the user cancelled at Google) and returns its flow, or null when
   * it is unknown, used, expired or from another browser.
   */
  async consume(
    state: unknown,
    binding: string | undefined,
  ): Promise<{ verifier: string; flow: RedirectFlow } | null> {
    if (typeof state !== 'string' || !STATE_FORMAT.test(state) || !binding) return null;
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
      `UPDATE oauth_states SET consumed_at = now()
        WHERE state_hash = $1 AND consumed_at IS NULL AND expires_at > now()
        RETURNING binding_hash, user_id, verifier_envelope_id, return_to, forced_consent`,
      [sha256(state)],
    );
    // pg returns [rows, count] for UPDATE … RETURNING through TypeORM's query().
    const row = (Array.isArray(rows[0]) ? rows[0][0] : rows[0]) as
      Record<string, unknown> | undefined;
    if (!row) return null;
    const envelopeId = row.verifier_envelope_id as string;
    const bound = timingSafeEqual(row.binding_hash as Buffer, sha256(binding));
    const verifier = await this.vault.open(envelopeId, bindingOf(state));
    await this.vault.purge(envelopeId);
    if (!bound) return null;
    return {
      verifier,
      flow: {
        userId: (row.user_id as string | null) ?? null,
        returnTo: row.return_to as string,
        forcedConsent: row.forced_consent === true,
      },
    };
  }

  /** Deletes states past their lifetime (and their verifiers); returns how many. */
  async purgeExpired(): Promise<number> {
    const expired = await this.dataSource
      .getRepository(OAuthStateEntity)
      .createQueryBuilder()
      .delete()
      .where('expires_at < now()')
      // A string, not an array: an array names entity properties, and this is the column.
      .returning('verifier_envelope_id')
      .execute();
    const rows = (expired.raw ?? []) as Array<{ verifier_envelope_id: string }>;
    for (const row of rows) await this.vault.purge(row.verifier_envelope_id);
    return rows.length;
  }

  private async create(req: RedirectRequest, verifier: string): Promise<string> {
    if (!req.flow || !req.binding) throw new Error('redirect flow started without its binding');
    const state = randomBytes(32).toString('base64url');
    const verifierEnvelopeId = await this.vault.seal(verifier, bindingOf(state));
    await this.dataSource.getRepository(OAuthStateEntity).insert({
      stateHash: sha256(state),
      bindingHash: sha256(req.binding),
      userId: req.flow.userId,
      verifierEnvelopeId,
      returnTo: req.flow.returnTo,
      forcedConsent: req.flow.forcedConsent,
      expiresAt: new Date(Date.now() + STATE_LIFETIME_MS),
    });
    return state;
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function bindingOf(state: string) {
  return { purpose: 'pkce_code_verifier', owner: `oauth_state:${sha256(state).toString('hex')}` };
}
