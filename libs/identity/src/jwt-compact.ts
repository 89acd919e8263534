import { verify, type KeyObject } from 'node:crypto';
import { IdTokenError } from './id-token.errors.js';

/** A JSON object as it came out of `JSON.parse` (own properties only, never null or an array). */
export type JsonObject = Record<string, unknown>;

/**
 * A compact JWS whose structure was checked and whose header was decoded. The payload's JSON is
 * not parsed until the signature holds: attacker-supplied claims JSON is never parsed.
 */
export interface CompactJws {
  readonly header: JsonObject;
  /** The header segment, still base64url. */
  readonly headerText: string;
  /** `header.payload` as it was signed. */
  readonly signingInput: string;
  /** The payload segment, still base64url. */
  readonly payload: string;
  /** The signature segment, still base64url. */
  readonly signature: string;
}

// `fatal` turns invalid UTF-8 into an error instead of U+FFFD; `ignoreBOM` keeps a leading BOM in
// the text, so JSON.parse refuses it rather than the decoder silently dropping it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Reused byte areas: the hot path decodes into memory it owns instead of allocating a Buffer per
// segment. Safe because every write and every read of an area is synchronous: nothing else runs
// between a parse and the reads that follow it without the check on `decoded` below noticing.
const SCRATCH_BYTES = 16_384;
const headerScratch = Buffer.allocUnsafe(SCRATCH_BYTES);
const payloadScratch = Buffer.allocUnsafe(SCRATCH_BYTES);
const signatureScratch = Buffer.allocUnsafe(SCRATCH_BYTES);
const inputScratch = Buffer.allocUnsafe(SCRATCH_BYTES);

// The segments the last parseCompactJws call decoded, while its bytes are still in the scratch
// areas: checking a segment is decoding it, so the signature and the payload are decoded once.
// Any call that writes a scratch area for another JWS clears it.
let decoded: CompactJws | undefined;
let decodedPayload: Buffer = payloadScratch.subarray(0, 0);
let decodedSignature: Buffer = signatureScratch.subarray(0, 0);

/**
 * Checks a compact JWS strictly and decodes its header. The size cap comes first, so an oversized
 * token costs one comparison (the cap is in bytes; a token is ASCII, and any non-ASCII character
 * is refused by the canonical base64url check). All three segments must be canonical base64url.
 *
 * `knownHeaders` maps header segments that were decoded before to their (frozen) JSON: a signer
 * uses a handful of headers, one per key, so decoding them again would be wasted work.
 *
 * Error messages never quote the token, and JSON/UTF-8 errors are not kept as `cause`: V8's
 * SyntaxError messages quote the text being parsed, which here is token content.
 */
export function parseCompactJws(
  token: string,
  maxBytes: number,
  knownHeaders?: ReadonlyMap<string, JsonObject>,
): CompactJws {
  if (typeof token !== 'string') throw malformed('The token is not a string.');
  if (token.length > maxBytes) {
    throw new IdTokenError('token_too_large', `The token is larger than ${maxBytes} bytes.`);
  }
  decoded = undefined;
  const firstDot = token.indexOf('.');
  const secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
  if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
    throw malformed('The token does not have exactly three segments.');
  }
  const headerText = token.slice(0, firstDot);
  const payload = token.slice(firstDot + 1, secondDot);
  const signature = token.slice(secondDot + 1);
  // A header segment decoded before is byte-for-byte the same text: its checks still hold.
  let header = knownHeaders?.get(headerText);
  const headerBytes =
    header === undefined ? canonicalSegment(headerText, headerScratch, 'header') : undefined;
  const payloadBytes = canonicalSegment(payload, payloadScratch, 'payload');
  const signatureBytes = canonicalSegment(signature, signatureScratch, 'signature');
  header ??= parseJsonObject(headerBytes!, 'header');
  const jws: CompactJws = {
    header,
    headerText,
    signingInput: token.slice(0, secondDot),
    payload,
    signature,
  };
  decoded = jws;
  decodedPayload = payloadBytes;
  decodedSignature = signatureBytes;
  return jws;
}

/** Decodes the payload of a checked JWS; call it once the signature holds. */
export function decodePayload(jws: CompactJws): JsonObject {
  return parseJsonObject(payloadBytesOf(jws), 'payload');
}

/** RS256 (RSASSA-PKCS1-v1_5 with SHA-256) over the signing input; false on any failure. */
export function verifyRs256(jws: CompactJws, key: KeyObject): boolean {
  const signature = signatureBytesOf(jws);
  const input = latin1Bytes(jws.signingInput);
  try {
    return verify('sha256', input, key, signature);
  } catch {
    return false;
  }
}

function payloadBytesOf(jws: CompactJws): Buffer {
  if (jws === decoded) return decodedPayload;
  decoded = undefined;
  return base64urlBytes(jws.payload, payloadScratch);
}

function signatureBytesOf(jws: CompactJws): Buffer {
  if (jws === decoded) return decodedSignature;
  decoded = undefined;
  return base64urlBytes(jws.signature, signatureScratch);
}

// Decoding is the check: a segment is canonical exactly when it decodes to as many bytes as its
// length allows and nothing Buffer's decoder tolerates is in it. Buffer's decoder skips characters
// it does not know (so any of them shortens the output), stops at `=`, accepts `+` and `/` as well
// as `-` and `_`, reads only the low byte of a character above U+00FF, and ignores the unused low
// bits of the last character: the length, the ASCII test, the two searches and the last-character
// test refuse each of these. Equivalent to re-encoding the bytes and comparing the text (the spec
// checks both on every one- and two-character change of sample segments), without building the
// re-encoded string: it was a third of the verifier's allocation on a stream of new tokens.
function canonicalSegment(segment: string, scratch: Buffer, name: string): Buffer {
  const bytes = canonicalBytes(segment, scratch);
  if (bytes === undefined) throw malformed(`The token ${name} is not canonical base64url.`);
  return bytes;
}

function canonicalBytes(segment: string, scratch: Buffer): Buffer | undefined {
  const length = segment.length;
  const tail = length & 3;
  if (tail === 1) return undefined;
  const bytes = base64urlBytes(segment, scratch);
  if (bytes.length !== (length >> 2) * 3 + (tail === 0 ? 0 : tail - 1)) return undefined;
  if (Buffer.byteLength(segment, 'utf8') !== length) return undefined;
  if (segment.includes('+') || segment.includes('/')) return undefined;
  // A last group of 2 characters carries 1 byte (4 bits unused), one of 3 carries 2 (2 unused).
  const unused = tail === 2 ? 0b1111 : 0b11;
  if (tail !== 0 && (BASE64URL_VALUES[segment.charCodeAt(length - 1)] & unused) !== 0) {
    return undefined;
  }
  return bytes;
}

// The value of each base64url character (others map to 0: only the last character is looked up,
// after the checks above have proved it is in the alphabet).
const BASE64URL_VALUES = new Uint8Array(128);
for (const [value, char] of [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
].entries()) {
  BASE64URL_VALUES[char.charCodeAt(0)] = value;
}

function parseJsonObject(bytes: Buffer, name: 'header' | 'payload'): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    throw malformed(`The token ${name} is not valid UTF-8 JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(`The token ${name} is not a JSON object.`);
  }
  return value as JsonObject;
}

// An ASCII string as bytes; latin1 is byte-for-byte here (the alphabet was checked).
function latin1Bytes(text: string): Buffer {
  if (text.length > SCRATCH_BYTES) return Buffer.from(text, 'latin1');
  return viewOf(inputScratch, inputScratch.write(text, 0, 'latin1'));
}

// A segment of at most SCRATCH_BYTES characters decodes to at most 3/4 of that.
function base64urlBytes(segment: string, scratch: Buffer): Buffer {
  if (segment.length > SCRATCH_BYTES) return Buffer.from(segment, 'base64url');
  return viewOf(scratch, scratch.write(segment, 0, 'base64url'));
}

// The last view taken of each scratch area, reused while the length repeats (a signature always
// has the key's length, and tokens of one signer have similar sizes): a Buffer view is an object
// with a constructor call, four per verification otherwise.
const views = new Map<Buffer, Buffer>();

function viewOf(scratch: Buffer, length: number): Buffer {
  const last = views.get(scratch);
  if (last !== undefined && last.length === length) return last;
  const view = scratch.subarray(0, length);
  views.set(scratch, view);
  return view;
}

/**
 * True for unpadded base64url in its one canonical spelling: only the base64url alphabet, a
 * length that can occur (never 1 mod 4), and a last character whose unused low bits are zero, so
 * each byte string has exactly one accepted encoding. Without the last rule, `...Q` and `...R`
 * would carry the same signature and "changing a character" of a token would not always change
 * the token.
 */
export function isCanonicalBase64url(segment: string): boolean {
  return canonicalBytes(segment, headerScratch) !== undefined;
}

function malformed(message: string): IdTokenError {
  return new IdTokenError('malformed', message);
}
