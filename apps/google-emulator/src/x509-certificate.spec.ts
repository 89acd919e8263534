import { X509Certificate, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigningKey } from './signing-keys.js';

describe('selfSignedCertificatePem', () => {
  it("produces a self-signed certificate for the key, named like Google's", async () => {
    const validFrom = new Date('2030-01-02T03:04:05Z');
    const key = await createSigningKey(validFrom);
    const certificate = new X509Certificate(key.certificatePem);

    expect(certificate.subject).toBe('CN=federated-signon.system.gserviceaccount.com');
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.verify(key.publicKey)).toBe(true);
    expect(certificate.publicKey.equals(key.publicKey)).toBe(true);
    expect(certificate.ca).toBe(false);
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(new Date(certificate.validFrom).toISOString()).toBe('2030-01-02T03:04:05.000Z');
    expect(new Date(certificate.validTo).toISOString()).toBe('2030-01-16T03:04:05.000Z');
  });

  it('is accepted where a public key is expected (as google-auth-library uses it)', async () => {
    const key = await createSigningKey();
    expect(createPublicKey(key.certificatePem).equals(key.publicKey)).toBe(true);
    expect(key.certificatePem).toMatch(
      /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/,
    );
  });
});
