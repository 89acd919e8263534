import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';

// The public sign-in page as the server renders it: the landing after a sign-out, and the
// sign-in button's font served from our own origin under the pages' CSP.
describe('Sign-in page', () => {
  let api: ApiUnderTest;

  beforeAll(async () => {
    api = await startApiUnderTest();
  });
  afterAll(async () => {
    await api.close();
  });

  it('says the visitor is signed out and turns automatic sign-in off for that visit', async () => {
    const page = await request(`${api.url}/?signed_out=1`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="signed-out"');
    expect(page.text).toContain('You are signed out.');
    expect(page.text).toContain('data-signed-out="true"');
    expect(page.text).toContain('data-auto-select="false"');
  });

  it.each(['/?offline_access=denied', '/?error=invalid_token'])(
    'turns automatic sign-in off on %s, which reports what went wrong',
    async (path) => {
      const page = await request(`${api.url}${path}`);
      expect(page.text).toContain('id="sign-in-error">');
      expect(page.text).not.toContain('id="sign-in-error" hidden');
      expect(page.text).toContain('data-auto-select="false"');
    },
  );

  it.each(['/', '/?signed_out=0', '/?signed_out=yes', '/?signed_out[]=1'])(
    'keeps automatic sign-in on for %s',
    async (path) => {
      const page = await request(`${api.url}${path}`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('id="signed-out"');
      expect(page.text).toContain('data-signed-out="false"');
      expect(page.text).toContain('data-auto-select="true"');
    },
  );

  it('serves Roboto Medium (woff2) from our origin, which the CSP allows for fonts', async () => {
    const font = await request(`${api.url}/assets/fonts/roboto-latin-500-normal.woff2`);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    const page = await request(`${api.url}/`);
    expect(page.headers.get('content-security-policy')).toMatch(/font-src 'self'/);
    const css = await request(`${api.url}/assets/site.css`);
    expect(css.text).toContain("url('/assets/fonts/roboto-latin-500-normal.woff2')");
  });
});
