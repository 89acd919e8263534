import { describe, expect, it } from 'vitest';
import { isImmutableAsset, renderAdminIndex, withStyleNonce } from './admin-index.js';

describe('renderAdminIndex', () => {
  it('fills in the nonce and the escaped Google settings', () => {
    const html = renderAdminIndex(
      '<meta name="gk-client-id" content="__GK_CLIENT_ID__"><gk-root ngCspNonce="__GK_CSP_NONCE__"></gk-root><link nonce="__GK_CSP_NONCE__">',
      {
        nonce: 'abc123',
        clientId: 'id"><script>',
        gsiClientUrl: 'http://localhost:4400/gsi/client',
      },
    );
    expect(html).toContain('content="id&quot;&gt;&lt;script&gt;"');
    expect(html.match(/abc123/g)).toHaveLength(2);
  });
});

describe('withStyleNonce', () => {
  it('adds the nonce to style-src only', () => {
    const csp = "default-src 'self';script-src 'self' http://gsi;style-src 'self' http://gsi";
    expect(withStyleNonce(csp, 'n0')).toBe(
      "default-src 'self';script-src 'self' http://gsi;style-src 'nonce-n0' 'self' http://gsi",
    );
  });
});

describe('isImmutableAsset', () => {
  it('knows hashed build outputs from the rest', () => {
    expect(isImmutableAsset('main-IZP7YGYV.js')).toBe(true);
    expect(isImmutableAsset('chunk-D7k9FO6_.js')).toBe(true);
    expect(isImmutableAsset('media/roboto-latin-400-normal-LOX3CHMS.woff2')).toBe(true);
    expect(isImmutableAsset('favicon.ico')).toBe(false);
  });
});
