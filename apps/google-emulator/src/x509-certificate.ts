import { type KeyObject, randomBytes, sign } from 'node:crypto';

// Google's https://www.googleapis.com/oauth2/v1/certs serves each signing key as a self-signed
// X.509 certificate (subject = issuer = CN=federated-signon.system.gserviceaccount.com, valid for
// about two weeks, CA:FALSE, digitalSignature, clientAuth). Node can parse certificates but not
// create them, so this file encodes the few DER structures needed by hand (ITU-T X.690).

const SUBJECT = 'federated-signon.system.gserviceaccount.com';
const OID = {
  commonName: '2.5.4.3',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const explicit = (n: number, item: Buffer) => tlv(0xa0 + n, item);
const octets = (item: Buffer) => tlv(0x04, item);
const bits = (item: Buffer, unusedBits = 0) => tlv(0x03, Buffer.from([unusedBits]), item);
const bool = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0]));
const NULL = Buffer.from([0x05, 0x00]);

/** A non-negative DER INTEGER of the big-endian bytes `value`, in its one minimal encoding. */
function integer(value: Buffer): Buffer {
  // DER allows no redundant leading zero byte (OpenSSL refuses it as "illegal padding": a random
  // serial starting 0x00 0x00–0x7f), and integers are signed: a leading 1 bit needs one.
  let start = 0;
  while (start < value.length - 1 && value[start] === 0 && (value[start + 1] & 0x80) === 0) {
    start += 1;
  }
  const minimal = value.subarray(start);
  return tlv(0x02, (minimal[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) {
      groups.unshift((v & 0x7f) | 0x80);
    }
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(id), bool(true), octets(value)) : sequence(oid(id), octets(value));
}

/** A self-signed RS256 certificate for `publicKey`, shaped like Google's, as PEM. */
export function selfSignedCertificatePem(
  publicKey: KeyObject,
  privateKey: KeyObject,
  validFrom: Date,
  validDays = 14,
  serialNumber: Buffer = randomBytes(8),
): string {
  const algorithm = sequence(oid(OID.sha256WithRsa), NULL);
  const name = sequence(set(sequence(oid(OID.commonName), tlv(0x0c, Buffer.from(SUBJECT)))));
  const validUntil = new Date(validFrom.getTime() + validDays * 86_400_000);
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serialNumber),
    algorithm,
    name,
    sequence(utcTime(validFrom), utcTime(validUntil)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      sequence(
        extension(OID.basicConstraints, true, sequence()),
        extension(OID.keyUsage, true, bits(Buffer.from([0x80]), 7)), // digitalSignature
        extension(OID.extKeyUsage, false, sequence(oid(OID.clientAuth))),
      ),
    ),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, algorithm, bits(signature));
  const body = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${body}${body.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}
