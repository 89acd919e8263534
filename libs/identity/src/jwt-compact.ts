import { verify, type KeyObject } from 'node:crypto';
import { IdTokenError } from './id-token.errors.js';

/** A JSON object as it came out of `JSON.parse` (own properties only, never null or an array). */
export type JsonObject = Record<string, unknown>;

/**
 * A compact JWS whose structure was checked and whose header was decoded. The payload stays
 * undecoded until the signature holds: attacker-supplied claims JSON is never parsed.
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

// The base64url alphabet without padding (RFC 7515 §2 and appendix C). Anything else (`=`, `+`,
// `/`, whitespace, line breaks) is refused: Buffer's decoder would silently skip or accept it,
// which would let many different strings decode to the same bytes.
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

// `fatal` turns invalid UTF-8 into an error instead of U+FFFD; `ignoreBOM` keeps a leading BOM in
// the text, so JSON.parse refuses it rather than the decoder silently dropping it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Reused byte areas: the hot path copies into memory it owns instead of allocating three Buffers
// per token. Safe because every use is synchronous: bytes are written and consumed (decoded to a
// string, or verified) before any other code can run.
const SCRATCH_BYTES = 16_384;
const inputScratch = Buffer.allocUnsafe(SCRATCH_BYTES);
const segmentScratch = Buffer.allocUnsafe(SCRATCH_BYTES);

/**
 * Checks a compact JWS strictly and decodes its header. The size cap comes first, so an oversized
 * token costs one comparison (the cap is in bytes; a token is ASCII, and any non-ASCII character
 * is refused by the alphabet check). All three segments must be canonical base64url.
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
  if (header === undefined) checkSegment(headerText, 'header');
  checkSegment(payload, 'payload');
  checkSegment(signature, 'signature');
  header ??= parseJsonObject(headerText, 'header');
  return { header, headerText, signingInput: token.slice(0, secondDot), payload, signature };
}

/** Decodes the payload of a checked JWS; call it once the signature holds. */
export function decodePayload(jws: CompactJws): JsonObject {
  return parseJsonObject(jws.payload, 'payload');
}

/** RS256 (RSASSA-PKCS1-v1_5 with SHA-256) over the signing input; false on any failure. */
export function verifyRs256(jws: CompactJws, key: KeyObject): boolean {
  const input = latin1Bytes(jws.signingInput);
  const signature = base64urlBytes(jws.signature, segmentScratch);
  try {
    return verify('sha256', input, key, signature);
  } catch {
    return false;
  }
}

function checkSegment(segment: string, name: string): void {
  if (!isCanonicalBase64url(segment)) {
    throw malformed(`The token ${name} is not canonical base64url.`);
  }
}

function parseJsonObject(segment: string, name: 'header' | 'payload'): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(base64urlBytes(segment, segmentScratch)));
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
  return inputScratch.subarray(0, inputScratch.write(text, 0, 'latin1'));
}

function base64urlBytes(segment: string, scratch: Buffer): Buffer {
  if (segment.length > SCRATCH_BYTES) return Buffer.from(segment, 'base64url');
  return scratch.subarray(0, scratch.write(segment, 0, 'base64url'));
}

/**
 * True for unpadded base64url whose length can occur (never 1 mod 4) and whose last character has
 * its unused low bits at zero, so each byte string has exactly one accepted encoding. Without the
 * last rule, `...Q` and `...R` would carry the same signature and "changing a character" of a
 * token would not always change the token.
 */
export function isCanonicalBase64url(segment: string): boolean {
  const remainder = segment.length % 4;
  if (remainder === 1 || !BASE64URL.test(segment)) return false;
  if (remainder === 0) return true;
  const last = ALPHABET.indexOf(segment.charAt(segment.length - 1));
  const unusedBits = remainder === 2 ? 0b1111 : 0b11;
  return (last & unusedBits) === 0;
}

function malformed(message: string): IdTokenError {
  return new IdTokenError('malformed', message);
}
