import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { AuthenticatedUser } from './authenticated-user.js';
import { AuthError } from './identity.errors.js';
import { assertSameSiteRequest } from './same-site-request.js';

const ORIGIN = 'https://grantkeeper.example';
const XHR = { 'x-requested-with': 'XmlHttpRequest' };
const JSON_BODY = { 'content-type': 'application/json', 'content-length': '2' };

interface FakeRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly via?: AuthenticatedUser['via'];
  readonly cookies?: Record<string, string>;
  readonly body?: unknown;
}

function fake({ method = 'POST', headers = {}, via, cookies = {}, body }: FakeRequest) {
  const user = via === undefined ? undefined : ({ via } as AuthenticatedUser);
  return { method, headers, user, cookies, body } as unknown as FastifyRequest;
}

/** The code the check refuses the request with, or `passes`. */
function verdict(request: FakeRequest, options?: { signIn?: boolean }): string {
  try {
    assertSameSiteRequest(fake(request), ORIGIN, options);
    return 'passes';
  } catch (error) {
    if (error instanceof AuthError) return `${error.status} ${error.code}`;
    throw error;
  }
}

describe(assertSameSiteRequest.name, () => {
  describe('a state-changing request with the session cookie', () => {
    it('passes from our own page: X-Requested-With, our Origin, same-origin, JSON', () => {
      const headers = { ...XHR, ...JSON_BODY, origin: ORIGIN, 'sec-fetch-site': 'same-origin' };
      expect(verdict({ headers, via: 'session' })).toBe('passes');
      expect(verdict({ headers: { ...XHR, ...JSON_BODY }, via: 'session' })).toBe('passes');
    });

    it('passes without a body (a DELETE, a sign-out) when it says it is ours', () => {
      expect(verdict({ method: 'DELETE', headers: XHR, via: 'session' })).toBe('passes');
      expect(verdict({ headers: { ...XHR, 'content-length': '0' } })).toBe('passes');
    });

    it.each([
      ['no X-Requested-With', JSON_BODY],
      ['another X-Requested-With', { ...JSON_BODY, 'x-requested-with': 'fetch' }],
      ['a foreign Origin', { ...XHR, ...JSON_BODY, origin: 'https://evil.example' }],
      ['a null Origin', { ...XHR, ...JSON_BODY, origin: 'null' }],
      ['Sec-Fetch-Site cross-site', { ...XHR, ...JSON_BODY, 'sec-fetch-site': 'cross-site' }],
      ['Sec-Fetch-Site same-site', { ...XHR, ...JSON_BODY, 'sec-fetch-site': 'same-site' }],
      ['a form body', { ...XHR, 'content-type': 'application/x-www-form-urlencoded' }],
      ['a text body', { ...XHR, 'content-type': 'text/plain' }],
      ['a body without a type', { ...XHR, 'content-length': '12' }],
    ])('refuses %s with 403 cross_site_request', (_, headers) => {
      expect(verdict({ headers, via: 'session' })).toBe('403 cross_site_request');
      expect(verdict({ method: 'PUT', headers })).toBe('403 cross_site_request');
    });

    it('refuses a DELETE with a form body', () => {
      const headers = { ...XHR, 'content-type': 'application/x-www-form-urlencoded' };
      expect(verdict({ method: 'DELETE', headers, via: 'session' })).toBe('403 cross_site_request');
    });
  });

  it('lets reads through, and requests a Bearer token authenticated', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(verdict({ method, headers: { origin: 'https://evil.example' } })).toBe('passes');
    }
    expect(verdict({ headers: JSON_BODY, via: 'bearer' })).toBe('passes');
  });

  describe('the sign-in route', () => {
    const signIn = { signIn: true };

    it('takes a JSON post without X-Requested-With, but not from another site', () => {
      expect(verdict({ headers: JSON_BODY }, signIn)).toBe('passes');
      expect(verdict({ headers: { ...JSON_BODY, origin: ORIGIN } }, signIn)).toBe('passes');
      expect(verdict({ headers: { ...JSON_BODY, origin: 'https://evil.example' } }, signIn)).toBe(
        '403 cross_site_request',
      );
      expect(verdict({ headers: { ...JSON_BODY, 'sec-fetch-site': 'cross-site' } }, signIn)).toBe(
        '403 cross_site_request',
      );
    });

    describe("GIS redirect mode's cross-site form post", () => {
      const form = {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://accounts.google.com',
      };

      it('passes when the g_csrf_token cookie and field match', () => {
        const request = {
          headers: form,
          cookies: { g_csrf_token: 'abc123' },
          body: { credential: 'x', g_csrf_token: 'abc123' },
        };
        expect(verdict(request, signIn)).toBe('passes');
      });

      it('refuses a missing cookie or field with 400 and a mismatch with 403', () => {
        expect(verdict({ headers: form, body: { g_csrf_token: 'abc123' } }, signIn)).toBe(
          '400 csrf_token_missing',
        );
        expect(verdict({ headers: form, cookies: { g_csrf_token: 'abc123' } }, signIn)).toBe(
          '400 csrf_token_missing',
        );
        const mismatch = {
          headers: form,
          cookies: { g_csrf_token: 'zzz999' },
          body: { g_csrf_token: 'abc123' },
        };
        expect(verdict(mismatch, signIn)).toBe('403 csrf_token_mismatch');
      });

      it('is refused on every other route', () => {
        const request = {
          headers: { ...XHR, ...form },
          cookies: { g_csrf_token: 'abc123' },
          body: { g_csrf_token: 'abc123' },
        };
        expect(verdict(request)).toBe('403 cross_site_request');
      });
    });
  });
});
