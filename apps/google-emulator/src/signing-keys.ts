import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
} from 'node:crypto';
import { invalidControlInput } from './emulator.errors.js';
import { selfSignedCertificatePem } from './x509-certificate.js';

/** One entry of https://www.googleapis.com/oauth2/v3/certs (a type, so it is a node:crypto JWK). */
export type PublicJwk = {
  kty: 'RSA';
  alg: 'RS256';
  use: 'sig';
  kid: string;
  n: string;
  e: string;
};

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: PublicJwk;
  certificatePem: string;
}

/** What `/__control/keys` reports. */
export interface KeysState {
  current_kid: string;
  published_kids: string[];
}

export type RotationStep = 'publish' | 'activate' | 'retire';

/** The keys as plain JSON (PKCS #8 PEM private keys), for state-store.ts. */
export interface SigningKeysSnapshot {
  currentKid: string;
  /** In publication order. */
  published: Array<{ kid: string; privateKeyPem: string; certificatePem: string }>;
}

function generateRsaKeyPair(): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) =>
      error ? reject(error) : resolve({ publicKey, privateKey }),
    );
  });
}

export async function createSigningKey(now = new Date()): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateRsaKeyPair();
  return signingKeyOf(privateKey, publicKey, () =>
    selfSignedCertificatePem(publicKey, privateKey, now),
  );
}

function signingKeyOf(
  privateKey: KeyObject,
  publicKey: KeyObject,
  certificate: (kid: string) => string,
): SigningKey {
  // Google's kids are 40 hex characters (they look like SHA-1 digests); derive ours the same way.
  const kid = createHash('sha1')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
  const { n, e } = publicKey.export({ format: 'jwk' });
  if (typeof n !== 'string' || typeof e !== 'string') throw new Error('RSA JWK export failed');
  return {
    kid,
    privateKey,
    publicKey,
    jwk: { kty: 'RSA', alg: 'RS256', use: 'sig', kid, n, e },
    certificatePem: certificate(kid),
  };
}

function restoredKey(saved: SigningKeysSnapshot['published'][number]): SigningKey {
  const privateKey = createPrivateKey(saved.privateKeyPem);
  const key = signingKeyOf(privateKey, createPublicKey(privateKey), () => saved.certificatePem);
  if (key.kid !== saved.kid) throw new Error(`saved key ${saved.kid} does not match its kid`);
  return key;
}

/**
 * The published key set and the key that signs. Google rotates by publishing the next key well
 * before signing with it and keeps the previous key published for a while afterwards, so
 * verifiers that honour Cache-Control never see an unknown kid; the three steps mirror that.
 */
export class SigningKeys {
  private constructor(
    private current: SigningKey,
    private published: SigningKey[],
  ) {}

  static async create(): Promise<SigningKeys> {
    const key = await createSigningKey();
    return new SigningKeys(key, [key]);
  }

  /** The keys a {@link snapshot} saved: the same kids, so tokens signed before still verify. */
  static restore(snapshot: SigningKeysSnapshot): SigningKeys {
    const published = snapshot.published.map(restoredKey);
    const current = published.find((key) => key.kid === snapshot.currentKid);
    if (!current) throw new Error('the saved current key is not among the published keys');
    return new SigningKeys(current, published);
  }

  snapshot(): SigningKeysSnapshot {
    return {
      currentKid: this.current.kid,
      published: this.published.map((key) => ({
        kid: key.kid,
        privateKeyPem: key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
        certificatePem: key.certificatePem,
      })),
    };
  }

  get signingKey(): SigningKey {
    return this.current;
  }

  /** Published keys in publication order (the JWKS and PEM endpoints list exactly these). */
  get publishedKeys(): readonly SigningKey[] {
    return this.published;
  }

  state(): KeysState {
    return { current_kid: this.current.kid, published_kids: this.published.map((key) => key.kid) };
  }

  /** Runs one rotation step, or publish + activate when no step is given. */
  async rotate(step?: RotationStep): Promise<KeysState> {
    switch (step) {
      case undefined:
        await this.publish();
        this.activate();
        break;
      case 'publish':
        await this.publish();
        break;
      case 'activate':
        this.activate();
        break;
      case 'retire':
        this.published = [this.current];
        break;
    }
    return this.state();
  }

  /** Back to a single fresh key. */
  async reset(): Promise<void> {
    this.current = await createSigningKey();
    this.published = [this.current];
  }

  private async publish(): Promise<void> {
    this.published.push(await createSigningKey());
  }

  private activate(): void {
    const next = this.published.at(-1);
    if (!next || next === this.current) {
      throw invalidControlInput('no published key waiting to be activated; publish one first');
    }
    this.current = next;
  }
}
