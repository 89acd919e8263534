import { describe, expect, it } from 'vitest';
import { isRefusal, refusalOf, ServiceApiRefusal } from './refusal.js';

describe('refusalOf', () => {
  it('carries the fields of insufficient_scope and grant_revoked', () => {
    const scope = refusalOf(
      403,
      {
        statusCode: 403,
        error: 'insufficient_scope',
        message: 'm',
        missing_scopes: ['https://www.googleapis.com/auth/calendar.readonly'],
        consent_url: 'https://gk.example/consent/abc',
      },
      new Headers(),
    );
    expect(scope).toBeInstanceOf(ServiceApiRefusal);
    expect([scope.status, scope.error, scope.missingScopes, scope.consentUrl]).toEqual([
      403,
      'insufficient_scope',
      ['https://www.googleapis.com/auth/calendar.readonly'],
      'https://gk.example/consent/abc',
    ]);
    expect(scope.retryable).toBe(false);
    const revoked = refusalOf(
      409,
      {
        statusCode: 409,
        error: 'grant_revoked',
        message: 'm',
        reason: 'user',
        since: '2026-01-01',
      },
      new Headers(),
    );
    expect([revoked.reason, revoked.since, revoked.missingScopes]).toEqual([
      'user',
      '2026-01-01',
      undefined,
    ]);
    expect(isRefusal(revoked, 'grant_revoked')).toBe(true);
    expect(isRefusal(revoked, 'no_grant')).toBe(false);
    expect(isRefusal(new Error('x'))).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const body = { statusCode: 503, error: 'upstream_unavailable', message: 'm' };
    const delay = refusalOf(503, body, new Headers({ 'retry-after': '7' }));
    expect([delay.retryAfter, delay.retryable]).toEqual([7, true]);
    const date = new Date(Date.now() + 30_000).toUTCString();
    const at = refusalOf(503, body, new Headers({ 'retry-after': date }));
    expect(at.retryAfter).toBeGreaterThanOrEqual(28);
    expect(at.retryAfter).toBeLessThanOrEqual(31);
    expect(refusalOf(429, { ...body, retry_after: 3 }, new Headers()).retryAfter).toBe(3);
    expect(refusalOf(503, body, new Headers({ 'retry-after': 'soon' })).retryAfter).toBe(undefined);
  });

  it('turns an answer without our error body into unexpected_response', () => {
    const html = refusalOf(502, '<html>Bad gateway</html>', new Headers());
    expect([html.status, html.error]).toEqual([502, 'unexpected_response']);
    expect(refusalOf(500, { message: 'no code' }, new Headers()).error).toBe('unexpected_response');
  });
});
