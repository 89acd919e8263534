import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { nextRequestId, requestIdOf } from './request-id.js';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const incoming = (headers: Record<string, string> = {}) => ({ headers }) as IncomingMessage;

describe(nextRequestId.name, () => {
  it('gives RFC 9562 version-8 UUIDs, all different, sharing the random part of this process', () => {
    const ids = Array.from({ length: 10_000 }, () => nextRequestId());

    for (const id of ids) expect(id).toMatch(UUID_V8);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id.slice(0, 24))).size).toBe(1);
  });
});

describe(requestIdOf.name, () => {
  it('gives a request without an id a new one, and the same one when asked again', () => {
    const request = incoming();
    const id = requestIdOf(request);

    expect(id).toMatch(UUID_V8);
    expect(requestIdOf(request)).toBe(id);
    expect(requestIdOf(incoming())).not.toBe(id);
  });

  it('keeps a well-formed incoming X-Request-Id and replaces anything else', () => {
    expect(requestIdOf(incoming({ 'x-request-id': 'edge-1234' }))).toBe('edge-1234');
    for (const hostile of ['not an id; DROP', '', 'x'.repeat(65), 'a\nb']) {
      expect(requestIdOf(incoming({ 'x-request-id': hostile }))).toMatch(UUID_V8);
    }
  });
});
