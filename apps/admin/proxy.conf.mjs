// `npm run dev`: `ng serve` serves the dashboard at http://localhost:4200/admin/ and hands every
// other path to the api (DEV_API_URL, default http://localhost:3000). The api refuses a
// state-changing request whose Origin is not its own, so the proxied ones carry its origin;
// the session cookie is shared because cookies are per host, not per port.
const api = process.env.DEV_API_URL ?? 'http://localhost:3000';
const toApi = { target: api, changeOrigin: true, headers: { origin: new URL(api).origin } };

export default Object.fromEntries(
  ['/api', '/assets', '/auth', '/account', '/offline-access', '/health', '/metrics', '/risc'].map(
    (path) => [path, toApi],
  ),
);
