import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-redaction.js';

describe(redactUrl.name, () => {
  it('replaces codes, states and tokens in query strings', () => {
    const url = redactUrl('/auth/google/callback?code=4/0Abc&state=xyz&scope=email');
    expect(url).not.toContain('4/0Abc');
    expect(url).not.toContain('xyz');
    expect(url).toContain('scope=email');
  });

  it('replaces a client assertion sent in the URL by mistake', () => {
    const url = redactUrl('/api/v1/oauth/token?client_assertion=eyJhbGciOi.eyJpc3Mi.c2ln');
    expect(url).not.toContain('eyJ');
  });

  it('leaves URLs without a query alone', () => {
    expect(redactUrl('/health')).toBe('/health');
  });
});
