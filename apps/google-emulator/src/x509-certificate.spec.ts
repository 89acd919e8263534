import { X509Certificate, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigningKey } from './signing-keys.js';
import { selfSignedCertificatePem } from './x509-certificate.js';

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

  // The serial is random: one in 512 starts 0x00 then a byte under 0x80, which must be encoded
  // without its leading zero or OpenSSL refuses the certificate ("illegal padding").
  it.each([
    ['00017f0000000000', '017F0000000000'],
    ['0000000000000001', '01'],
    ['0080000000000000', '80000000000000'],
    ['8000000000000000', '8000000000000000'],
    ['7fffffffffffffff', '7FFFFFFFFFFFFFFF'],
  ])('encodes the random serial %s as a valid DER integer', (serial, parsed) => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = selfSignedCertificatePem(
      publicKey,
      privateKey,
      new Date(),
      14,
      Buffer.from(serial, 'hex'),
    );
    const certificate = new X509Certificate(pem);
    expect(certificate.serialNumber).toBe(parsed);
    expect(createPublicKey(pem).equals(publicKey)).toBe(true);
  });
});
