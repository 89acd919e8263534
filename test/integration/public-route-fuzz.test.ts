import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import {
  callsTo,
  clearCalls,
  SESSION_COOKIE,
  signInAs,
  XHR,
} from '../support/offline-access-client.js';

interface Route {
  readonly method: string;
  readonly path: string;
}

/**
 * Every route the api serves, from Fastify's own route tree (so a route added later is fuzzed
 * too): a line per node, four characters of indentation per level, `segment (METHODS)`.
 */
function routesOf(tree: string): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([\s│├└─]*)(\S.*?) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = Math.round(match[1].length / 4);
    stack.length = depth;
    const parent = stack.at(-1) ?? '';
    const segment = match[2];
    const path =
      depth === 0
        ? segment
        : `${parent.endsWith('/') || segment.startsWith('/') ? parent : `${parent}/`}${segment}`;
    stack.push(path);
    for (const method of match[3].split(', ')) {
      if (method !== 'HEAD') routes.push({ method, path: concrete(path) });
    }
  }
  return routes;
}

// Parameters get a value that is not what the route expects; wildcards a plain segment.
function concrete(path: string): string {
  return path.replace(/:[A-Za-z]+/g, 'not-a-uuid').replace(/\*/g, 'x');
}

function deep(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

/** Bodies as a hostile client sends them: wrong types, sizes, encodings and content types. */
const BODIES: ReadonlyArray<{ name: string; type: string; body: string | Buffer }> = [
  { name: 'array', type: 'application/json', body: '[1,2,3]' },
  { name: 'string', type: 'application/json', body: '"code"' },
  { name: 'number', type: 'application/json', body: '12' },
  { name: 'null', type: 'application/json', body: 'null' },
  {
    name: 'wrong types',
    type: 'application/json',
    body: '{"code":["a"],"enabled":"yes","settings":7,"reason":{},"role":1,"credential":false,"ids":"x"}',
  },
  {
    name: 'prototype keys',
    type: 'application/json',
    body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"code":"x"}',
  },
  {
    name: 'duplicate keys',
    type: 'application/json',
    body: '{"code":"a","code":"b","reason":"x","reason":["y"]}',
  },
  { name: 'deep', type: 'application/json', body: deep(5000) },
  { name: 'huge', type: 'application/json', body: `{"code":"${'a'.repeat(3 * 1024 * 1024)}"}` },
  { name: 'truncated', type: 'application/json', body: '{"code":' },
  {
    name: 'invalid UTF-8',
    type: 'application/json',
    body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]),
  },
  {
    name: 'form',
    type: 'application/x-www-form-urlencoded',
    body: 'code=a&code=b&__proto__[x]=1&credential[]=z&%ff=%fe',
  },
  { name: 'text', type: 'text/plain', body: 'hello' },
  {
    name: 'multipart',
    type: 'multipart/form-data; boundary=x',
    body: '--x\r\nContent-Disposition: form-data; name="code"\r\n\r\na\r\n--x--',
  },
  { name: 'xml', type: 'application/xml', body: '<a>1</a>' },
  { name: 'no content type', type: '', body: '{"code":"a"}' },
];

const QUERIES = [
  '?code[]=a&state[]=b',
  '?__proto__[x]=1&constructor[prototype][y]=2',
  '?code=a&code=b&state=c&state=d',
  '?%ff%fe=%c3&x=%',
  `?q=${'a'.repeat(6000)}`,
  '?limit=-1&offset=abc&page=1e309&sort=;drop&status[]=x&scope=%00',
];

// Every public route under junk, signed out and signed in: the caller's fault is a 4xx,
// never a 5xx (SECURITY-CASES, "Bad input"), and nothing junk reaches Google.
describe('Every route under hostile input', () => {
  let api: ApiUnderTest;
  let routes: Route[];
  let session: string;

  beforeAll(async () => {
    api = await startApiUnderTest({
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '100000',
      OFFLINE_ACCESS_RATE_LIMIT_PER_MINUTE: '100000',
    });
    session = await signInAs(api, ALICE_SUB);
    routes = routesOf(api.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false }));
  });
  afterAll(() => api.close());

  const send = async (
    method: string,
    path: string,
    init: { type?: string; body?: string | Buffer; signedIn: boolean },
  ) => {
    const headers: Record<string, string> = { ...XHR, origin: api.url };
    if (init.type) headers['content-type'] = init.type;
    if (init.signedIn) headers.cookie = `${SESSION_COOKIE}=${session}`;
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers,
      body: typeof init.body === 'string' ? init.body : init.body && new Uint8Array(init.body),
      redirect: 'manual',
    });
    const text = await response.text();
    // A worktree whose dashboard was never built answers its pages 503 `admin_not_built`:
    // a state of the deployment, not an answer to the input.
    const status = text.includes('"admin_not_built"') ? 404 : response.status;
    return { status, text };
  };

  it('finds the routes to fuzz', () => {
    const paths = routes.map((route) => `${route.method} ${route.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'GET /auth/google/callback',
        'POST /offline-access/code',
        'POST /auth/google/id-token',
        'POST /risc/events',
        'PUT /offline-access/tasks/not-a-uuid',
      ]),
    );
    expect(routes.length).toBeGreaterThan(25);
  });

  it.each([
    ['no query', ''],
    ['an empty code', '?code='],
    ['a code array', '?code[]=a'],
    ['a state but a code array', '?state=abc&code[]=a'],
    ['prototype keys', '?__proto__[code]=x&constructor[prototype][code]=y'],
    ['a state and an empty code', '?state=abc&code='],
  ])(
    'answers a callback with %s with a 4xx and a stable code, without calling Google',
    async (_case, query) => {
      await clearCalls(api);
      const { status, text } = await send('GET', `/auth/google/callback${query}`, {
        signedIn: false,
      });
      expect([400, 403]).toContain(status);
      expect((JSON.parse(text) as { error: string }).error).toMatch(/^[a-z_]+$/);
      expect(await callsTo(api, '/token')).toBe(0);
    },
  );

  it('answers no 5xx to any body on any route', async () => {
    const failures: string[] = [];
    const seen = new Set<number>();
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      for (const signedIn of [false, true]) {
        for (const { name, type, body } of BODIES) {
          const { status } = await send(route.method, route.path, { type, body, signedIn });
          seen.add(status);
          if (status >= 500)
            failures.push(
              `${route.method} ${route.path} ${name} ${signedIn ? 'signed in' : ''}: ${status}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    // The junk got past the door: validation (400), size (413) and media type (415) answered.
    expect([...seen]).toEqual(expect.arrayContaining([400, 413, 415]));
  }, 120_000);

  it('answers no 5xx to any query on any route', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const signedIn of [false, true]) {
        for (const query of QUERIES) {
          const body = route.method === 'GET' ? undefined : '{}';
          const type = body === undefined ? undefined : 'application/json';
          const { status } = await send(route.method, `${route.path}${query}`, {
            type,
            body,
            signedIn,
          });
          if (status >= 500)
            failures.push(`${route.method} ${route.path}${query.slice(0, 40)}: ${status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
