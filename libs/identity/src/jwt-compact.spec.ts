import { describe, expect, it } from 'vitest';
import { IdTokenError } from './id-token.errors.js';
import {
  decodePayload,
  isCanonicalBase64url,
  parseCompactJws,
  verifyRs256,
  type CompactJws,
} from './jwt-compact.js';
import { createSigningKey, segment, signIdToken } from './testing/fake-google-certs.js';

const HEADER = segment({ alg: 'RS256', kid: 'abc' });
const PAYLOAD = segment({ sub: '1' });
const SIGNATURE = Buffer.from('signature bytes').toString('base64url');
const TOKEN = `${HEADER}.${PAYLOAD}.${SIGNATURE}`;
const LIMIT = 16_384;
const raw = (bytes: number[]): string => Buffer.from(bytes).toString('base64url');

function refusal(run: () => unknown): IdTokenError {
  try {
    run();
  } catch (error) {
    if (error instanceof IdTokenError) return error;
    throw error;
  }
  throw new Error('expected the token to be refused');
}
const parseError = (token: string) => refusal(() => parseCompactJws(token, LIMIT));
const payloadError = (payload: string) =>
  refusal(() => decodePayload(parseCompactJws(`${HEADER}.${payload}.${SIGNATURE}`, LIMIT)));

describe(parseCompactJws.name, () => {
  it('decodes the header and locates the segments', () => {
    const jws = parseCompactJws(TOKEN, LIMIT);

    expect(jws.header).toEqual({ alg: 'RS256', kid: 'abc' });
    expect(jws.signingInput).toBe(`${HEADER}.${PAYLOAD}`);
    expect(jws.payload).toBe(PAYLOAD);
    expect(jws.signature).toBe(SIGNATURE);
  });

  it('takes a known header segment from the map instead of decoding it again', () => {
    const known = Object.freeze({ alg: 'RS256', kid: 'from-the-map' });
    const jws = parseCompactJws(TOKEN, LIMIT, new Map([[HEADER, known]]));

    expect(jws.header).toBe(known);
    expect(jws.headerText).toBe(HEADER);
  });

  it('still checks the other segments of a token whose header is known', () => {
    const known = new Map([[HEADER, { alg: 'RS256' }]]);
    const error = refusal(() => parseCompactJws(`${HEADER}.${PAYLOAD}.AB/C`, LIMIT, known));
    expect(error.code).toBe('malformed');
  });

  it('refuses an oversized token before looking at its content', () => {
    expect(parseError('!'.repeat(LIMIT + 1)).code).toBe('token_too_large');
    expect(parseError(`${TOKEN}${'A'.repeat(LIMIT)}`).code).toBe('token_too_large');
  });

  it.each([
    ['two segments', `${HEADER}.${PAYLOAD}`],
    ['four segments', `${TOKEN}.${SIGNATURE}`],
    ['one segment', HEADER],
    ['an empty string', ''],
  ])('refuses %s', (_name, token) => {
    expect(parseError(token).code).toBe('malformed');
  });

  it.each([
    ['padding', `${HEADER}=.${PAYLOAD}.${SIGNATURE}`],
    ['a plus sign', `${HEADER}.${PAYLOAD}.${SIGNATURE}+A`],
    ['a slash', `${HEADER}.${PAYLOAD}.AB/C`],
    ['whitespace', `${HEADER}.${PAYLOAD} .${SIGNATURE}`],
    ['a line break', `${HEADER}.\n${PAYLOAD}.${SIGNATURE}`],
    ['an impossible length', `${HEADER}.${PAYLOAD}.${SIGNATURE}AAAAA`],
    ['non-zero unused bits', `${HEADER}.${PAYLOAD}.${raw([1, 2, 3, 4]).slice(0, -1)}B`],
    ['non-ASCII characters', `${HEADER}.${PAYLOAD}.é${SIGNATURE}`],
    ['a character outside Latin-1', `${HEADER}.${PAYLOAD}.${SIGNATURE}\u{1F600}`],
    ['a NUL character', `${HEADER}.${PAYLOAD}\u0000.${SIGNATURE}`],
    ['a percent sign in the header', `${HEADER.slice(0, -1)}%.${PAYLOAD}.${SIGNATURE}`],
    ['padding inside the payload', `${HEADER}.${PAYLOAD.slice(0, 4)}==${PAYLOAD.slice(4)}.AA`],
  ])('refuses base64url with %s', (_name, token) => {
    expect(parseError(token).code).toBe('malformed');
  });

  it.each([
    ['a null header', `${segment(null)}.${PAYLOAD}.${SIGNATURE}`],
    ['an array header', `${segment([1])}.${PAYLOAD}.${SIGNATURE}`],
    ['a header that is not JSON', `${raw([...Buffer.from('{"alg"')])}.${PAYLOAD}.${SIGNATURE}`],
    ['an empty header', `.${PAYLOAD}.${SIGNATURE}`],
    ['an invalid UTF-8 header', `${raw([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])}.e30.AA`],
    [
      'an overlong UTF-8 sequence',
      `${raw([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d])}.e30.AA`,
    ],
    ['a byte-order mark', `${raw([0xef, 0xbb, 0xbf, ...Buffer.from('{}')])}.${PAYLOAD}.AA`],
  ])('refuses %s', (_name, token) => {
    expect(parseError(token).code).toBe('malformed');
  });

  it('never quotes the token or its decoded content in errors', () => {
    const secret = segment({ alg: 'RS256', secret: 'hunter2' }).slice(0, -2);
    const error = parseError(`${secret}.${PAYLOAD}.${SIGNATURE}`);

    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain('hunter2');
    expect(error.cause).toBeUndefined();
  });
});

describe(decodePayload.name, () => {
  it('decodes the payload JSON object', () => {
    expect(decodePayload(parseCompactJws(TOKEN, LIMIT))).toEqual({ sub: '1' });
  });

  it.each([
    ['a string payload', segment('x')],
    ['a number payload', segment(42)],
    ['a null payload', segment(null)],
    ['an empty payload', ''],
    ['invalid UTF-8', raw([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ])('refuses %s', (_name, payload) => {
    expect(payloadError(payload).code).toBe('malformed');
  });
});

describe(verifyRs256.name, () => {
  const key = createSigningKey();
  const jwsOf = (token: string): CompactJws => parseCompactJws(token, LIMIT);

  it('accepts the signature of the exact signing input', () => {
    expect(verifyRs256(jwsOf(signIdToken({ sub: '1' }, key)), key.publicKey)).toBe(true);
  });

  it('refuses a signature over another input, a truncated one and an empty one', () => {
    const [header, payload, signature] = signIdToken({ sub: '1' }, key).split('.');
    const other = segment({ sub: '2' });

    expect(verifyRs256(jwsOf(`${header}.${other}.${signature}`), key.publicKey)).toBe(false);
    expect(
      verifyRs256(jwsOf(`${header}.${payload}.${signature.slice(0, 40)}`), key.publicKey),
    ).toBe(false);
    expect(verifyRs256(jwsOf(`${header}.${payload}.`), key.publicKey)).toBe(false);
  });

  it('verifies each JWS with its own bytes, whichever was parsed last', () => {
    const first = jwsOf(signIdToken({ sub: '1' }, key));
    const second = jwsOf(signIdToken({ sub: '2' }, key));
    const forged = jwsOf(`${first.signingInput}.${second.signature}`);

    expect(verifyRs256(first, key.publicKey)).toBe(true);
    expect(decodePayload(first)).toEqual({ sub: '1' });
    expect(verifyRs256(second, key.publicKey)).toBe(true);
    expect(decodePayload(second)).toEqual({ sub: '2' });
    expect(verifyRs256(forged, key.publicKey)).toBe(false);
    expect(verifyRs256(first, key.publicKey)).toBe(true);
  });

  it('works for tokens larger than its scratch area', () => {
    const token = signIdToken({ sub: '1', padding: 'x'.repeat(20_000) }, key);
    expect(verifyRs256(parseCompactJws(token, 40_000), key.publicKey)).toBe(true);
  });
});

describe(isCanonicalBase64url.name, () => {
  it('accepts every length that base64url can produce', () => {
    for (let length = 0; length < 8; length += 1) {
      expect(isCanonicalBase64url(raw([...Array(length).keys()]))).toBe(true);
    }
  });

  it('refuses a second spelling of the same bytes', () => {
    expect(Buffer.from('AB', 'base64url')).toEqual(Buffer.from('AA', 'base64url'));
    expect(isCanonicalBase64url('AA')).toBe(true);
    expect(isCanonicalBase64url('AB')).toBe(false);
  });
});

describe(`${isCanonicalBase64url.name} against re-encoding`, () => {
  // The definition the check implements without building a string: decoding then encoding gives
  // the segment back. Compared on every insertion and replacement of one character, any of the
  // first 768 code points or a few awkward others, at every position of sample segments of every
  // length up to 16, and on every change of the last two characters of those segments.
  const reencodes = (text: string): boolean =>
    Buffer.from(Buffer.from(text, 'base64url')).toString('base64url') === text;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const sample = 'eyJhbGciOiJSUzI1NiJ9-_Zz09';
  const characters = [
    ...Array.from({ length: 0x300 }, (_, code) => String.fromCharCode(code)),
    '\uD800',
    '\uDC00',
    '\u2028',
    '\uFEFF',
    '\uFFFF',
    '\u{1F600}',
  ];

  it('agrees on every one-character insertion and replacement', () => {
    const disagreements: string[] = [];
    for (let length = 0; length <= 16; length += 1) {
      const base = sample.slice(0, length);
      for (let at = 0; at <= length; at += 1) {
        for (const character of characters) {
          const inserted = base.slice(0, at) + character + base.slice(at);
          const replaced = base.slice(0, at) + character + base.slice(at + 1);
          for (const text of [inserted, replaced]) {
            if (isCanonicalBase64url(text) !== reencodes(text)) disagreements.push(text);
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('agrees on every pair of last characters', () => {
    const disagreements: string[] = [];
    for (let length = 0; length <= 12; length += 1) {
      const base = sample.slice(0, length);
      for (const first of alphabet) {
        for (const second of alphabet) {
          const text = `${base}${first}${second}`;
          if (isCanonicalBase64url(text) !== reencodes(text)) disagreements.push(text);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
