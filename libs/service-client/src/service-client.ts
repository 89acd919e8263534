import createClient, { type Client } from 'openapi-fetch';
import { refusalOf, ServiceApiRefusal } from './refusal.js';
import type { components, paths } from './schema.js';

type Schemas = components['schemas'];

/** The body of `POST /api/v1/tokens`. */
export type IssueTokenRequest = Schemas['IssueTokenDto'];
/** A Google access token for a user, with its grant and the disclosure that records it. */
export type IssuedToken = Schemas['IssuedTokenDto'];
/** A user's grant as this service sees it (never a token). */
export type ServiceGrant = Schemas['ServiceGrantDto'];
/** One page of `GET /api/v1/grants`. */
export type ServiceGrantPage = Schemas['ServiceGrantPageDto'];
/** The filters and paging of `GET /api/v1/grants`. */
export type GrantsQuery = NonNullable<paths['/api/v1/grants']['get']['parameters']['query']>;
/** A user, by their id at Grantkeeper or by their Google account id. */
export type UserReference = { readonly id: string } | { readonly google_sub: string };

export interface ServiceClientOptions {
  /** Grantkeeper's public URL, e.g. `https://grantkeeper.example.com`. */
  readonly baseUrl: string;
  /** An API key (`gk_live_…`): keep it in a secret store, never in code or logs. */
  readonly apiKey?: string;
  /**
   * Or: a function giving the current Bearer credential (e.g. a short-lived access token from
   * `POST /api/v1/oauth/token`), called before each request.
   */
  readonly tokenProvider?: () => string | Promise<string>;
  /** A fetch of your own (a proxy agent, tests); the global one by default. */
  readonly fetch?: typeof globalThis.fetch;
  /** Sent as `User-Agent`, so Grantkeeper's admins can tell your service's calls apart. */
  readonly userAgent?: string;
}

/** The service API's calls; each resolves with the answer or rejects with a `ServiceApiRefusal`. */
export interface ServiceClient {
  /** `POST /api/v1/tokens`: a Google access token for the user (recorded as a disclosure). */
  issueToken(request: IssueTokenRequest): Promise<IssuedToken>;
  /** `GET /api/v1/users/:id/grant` or `…/by-google-sub/:sub/grant`: the user's grant. */
  grantOf(user: UserReference): Promise<ServiceGrant>;
  /** `GET /api/v1/grants`: one page of the grants this service may act on, newest first. */
  grants(query?: GrantsQuery): Promise<ServiceGrantPage>;
  /** Every grant matching `query`, page after page. */
  allGrants(query?: Omit<GrantsQuery, 'cursor'>): AsyncGenerator<ServiceGrant>;
  /** The typed openapi-fetch client underneath, for routes this version does not wrap. */
  readonly raw: Client<paths>;
}

/** A client of Grantkeeper's service API, authenticated by an API key or a token provider. */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const { apiKey, tokenProvider } = options;
  if ((apiKey === undefined) === (tokenProvider === undefined)) {
    throw new TypeError('createServiceClient needs exactly one of apiKey and tokenProvider');
  }
  const credential = tokenProvider ?? (() => apiKey as string);
  const raw = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  raw.use({
    async onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${await credential()}`);
      if (options.userAgent) request.headers.set('user-agent', options.userAgent);
      return request;
    },
  });

  /** The answer's data, or its refusal thrown. */
  async function settle<T>(
    call: Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<T> {
    const { data, error, response } = await call.catch((cause: unknown) => {
      // No answer at all (DNS, refused connection, reset): retryable, like a 503.
      throw new ServiceApiRefusal(
        0,
        {
          statusCode: 0,
          error: 'network_error',
          message: `No answer from Grantkeeper: ${cause instanceof Error ? cause.message : String(cause)}`,
        },
        null,
      );
    });
    if (!response.ok || data === undefined) {
      throw refusalOf(response.status, error, response.headers);
    }
    return data;
  }

  const client: ServiceClient = {
    raw,
    issueToken: (request) => settle(raw.POST('/api/v1/tokens', { body: request })),
    grantOf: (user) =>
      'id' in user
        ? settle(raw.GET('/api/v1/users/{id}/grant', { params: { path: { id: user.id } } }))
        : settle(
            raw.GET('/api/v1/users/by-google-sub/{sub}/grant', {
              params: { path: { sub: user.google_sub } },
            }),
          ),
    grants: (query = {}) => settle(raw.GET('/api/v1/grants', { params: { query } })),
    async *allGrants(query = {}) {
      let cursor: string | undefined;
      do {
        const page = await client.grants({ ...query, ...(cursor ? { cursor } : {}) });
        yield* page.items;
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
    },
  };
  return client;
}
