import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';
import { SESSION_COOKIE, signInAs } from '../support/offline-access-client.js';

// The public pages in the browser's language: German for any `de` range that wins on q-value,
// English for everything else; the same URL varies by Accept-Language, so caches must key on it.
describe('Public pages in the browser’s language', () => {
  let api: ApiUnderTest;
  let session: string;

  beforeAll(async () => {
    api = await startApiUnderTest();
    session = await signInAs(api, ALICE_SUB);
  });
  afterAll(async () => {
    await api.close();
  });

  const signIn = (acceptLanguage?: string) =>
    request(`${api.url}/`, {
      headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage },
    });
  const account = (acceptLanguage: string) =>
    request(`${api.url}/account`, {
      headers: { 'accept-language': acceptLanguage },
      cookies: { [SESSION_COOKIE]: session },
    });

  it.each(['de', 'de-DE', 'de-AT,de;q=0.9,en;q=0.8', 'fr-FR, de;q=0.5', 'en;q=0.3, de-CH;q=0.7'])(
    'renders the sign-in page in German for %s',
    async (header) => {
      const page = await signIn(header);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<html lang="de">');
      expect(page.text).toContain('<h1>Bei Grantkeeper anmelden</h1>');
      expect(page.text).toContain('data-locale="de"');
      expect(page.text).not.toContain('Sign in to Grantkeeper');
      expect(page.headers.get('vary')).toMatch(/accept-language/i);
    },
  );

  it.each([
    undefined,
    'en-US,en;q=0.9',
    'fr',
    'de;q=0.2, en;q=0.8',
    '*',
    'de;q=0',
    ';;;,,,',
    'de;q=abc',
    'de;q=2',
    '"de"',
    'x'.repeat(2000),
    '\u00e4\u00f6\u00fc',
  ])('renders the sign-in page in English, never an error, for %j', async (header) => {
    const page = await signIn(header);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain('<h1>Sign in to Grantkeeper</h1>');
    expect(page.text).toContain('data-locale="en"');
    expect(page.headers.get('vary')).toMatch(/accept-language/i);
  });

  it('hands the page scripts their words in the page language, as JSON in a data attribute', async () => {
    const extract = (html: string) =>
      JSON.parse(
        (/data-messages="([^"]*)"/.exec(html)?.[1] ?? '')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&'),
      ) as Record<string, string>;
    const english = extract((await signIn('en')).text);
    const german = extract((await signIn('de')).text);
    expect(english.tryAgain).toBe('try again');
    expect(german.tryAgain).toBe('erneut versuchen');
    expect(Object.keys(german).sort()).toEqual(Object.keys(english).sort());
  });

  it('renders /account in German for de-DE and in English otherwise', async () => {
    const german = await account('de-DE,de;q=0.9');
    expect(german.status).toBe(200);
    expect(german.text).toContain('<html lang="de">');
    expect(german.text).toContain('Über Google angemeldet');
    expect(german.text).toContain('<h2 id="offline-access-title">Offline-Zugriff</h2>');
    expect(german.text).toContain('>Abmelden</button>');
    expect(german.headers.get('vary')).toMatch(/accept-language/i);
    const english = await account('en-GB');
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('Signed in with Google');
    expect(english.text).toContain('>Sign out</button>');
  });

  it('renders the HTML error page in German too, with the same error code', async () => {
    const page = await request(`${api.url}/no-such-page`, {
      headers: { accept: 'text/html', 'accept-language': 'de' },
    });
    expect(page.status).toBe(404);
    expect(page.text).toContain('<html lang="de">');
    expect(page.text).toContain('<h1>Etwas ist schiefgelaufen</h1>');
    expect(page.text).toContain('Fehlercode: <code id="error-code">');
    expect(page.headers.get('vary')).toMatch(/accept-language/i);
  });
});
