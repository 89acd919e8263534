import { describe, expect, it } from 'vitest';
import { OpenedAccessTokens } from './opened-access-tokens.js';

const NOW = Date.UTC(2026, 11, 4, 12);
const grant = (id: string, envelope: string | null, expiresInMs: number) => ({
  id,
  accessTokenEnvelopeId: envelope,
  accessTokenExpiresAt: new Date(NOW + expiresInMs),
});

describe('OpenedAccessTokens', () => {
  it('serves a token only under the envelope and expiry the grant row names now', () => {
    const opened = new OpenedAccessTokens();
    const row = grant('g1', 'e1', 3_600_000);
    opened.set(row, 'ya29.first');
    expect(opened.get(row, NOW)).toBe('ya29.first');
    // Refreshed (on any instance): a new expiry on the same envelope.
    expect(opened.get(grant('g1', 'e1', 3_599_000), NOW)).toBeUndefined();
    // The old entry is gone, not only hidden.
    expect(opened.get(row, NOW)).toBeUndefined();
    opened.set(row, 'ya29.first');
    // Purged and sealed anew, or another envelope's id copied onto the row.
    expect(opened.get(grant('g1', 'e2', 3_600_000), NOW)).toBeUndefined();
    expect(opened.get(grant('g1', null, 3_600_000), NOW)).toBeUndefined();
  });

  it('never serves another grant’s token, nor one past its expiry', () => {
    const opened = new OpenedAccessTokens();
    opened.set(grant('g1', 'e1', 60_000), 'ya29.g1');
    expect(opened.get(grant('g2', 'e1', 60_000), NOW)).toBeUndefined();
    expect(opened.get(grant('g1', 'e1', 60_000), NOW + 60_000)).toBeUndefined();
    expect(opened.size).toBe(0);
  });

  it('keeps one token per grant and at most its capacity, dropping the oldest stored', () => {
    const opened = new OpenedAccessTokens(2);
    opened.set(grant('g1', 'e1', 60_000), 'ya29.a');
    opened.set(grant('g1', 'e1', 120_000), 'ya29.b');
    expect(opened.size).toBe(1);
    opened.set(grant('g2', 'e2', 60_000), 'ya29.c');
    opened.set(grant('g3', 'e3', 60_000), 'ya29.d');
    expect(opened.size).toBe(2);
    expect(opened.get(grant('g1', 'e1', 120_000), NOW)).toBeUndefined();
    expect(opened.get(grant('g3', 'e3', 60_000), NOW)).toBe('ya29.d');
  });

  it('holds nothing for a row without an expiry', () => {
    const opened = new OpenedAccessTokens();
    opened.set({ id: 'g1', accessTokenEnvelopeId: 'e1', accessTokenExpiresAt: null }, 'ya29.x');
    expect(opened.size).toBe(0);
  });
});
