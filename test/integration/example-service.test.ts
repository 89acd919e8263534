// apps/example-service, another team's service, against a real api: it asks for a user's Gmail
// token through @grantkeeper/service-client, sends the digest through the emulator's Gmail, and
// keeps the consent link Grantkeeper gives when the digest needs a scope the user never granted.
import { PassThrough } from 'node:stream';
import { freePort } from '@grantkeeper/database';
import {
  createServiceClient,
  isRefusal,
  ServiceApiRefusal,
  type ServiceClient,
} from '@grantkeeper/service-client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExampleService } from '../../apps/example-service/src/example-service.app.js';
import {
  CALENDAR_READONLY,
  DIGEST_PURPOSE,
  exampleServiceConfig,
} from '../../apps/example-service/src/example-service.config.js';
import {
  adminCall,
  newServiceKey,
  registerServiceClient,
  signInAdmin,
  userIdOf,
} from '../support/admin-client.js';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';
import {
  authorizationCode,
  BOB_SUB,
  GMAIL_SEND,
  postCode,
  signInAs,
} from '../support/offline-access-client.js';

interface SentMessage {
  sub: string;
  to: string | undefined;
  subject: string | undefined;
  raw: string;
}

describe('The example digest service, through the typed client', () => {
  let api: ApiUnderTest;
  let service: FastifyInstance;
  let serviceUrl: string;
  let client: ServiceClient;
  let key: string;
  let aliceId: string;
  let bobId: string;
  let admin: string;
  let clientId: string;
  let logs = '';

  const mailbox = async () =>
    (await request<{ messages: SentMessage[] }>(`${api.emulatorUrl}/__control/gmail/messages`)).body
      .messages;
  const sendDigest = (userId: string, json: Record<string, unknown>) =>
    request<Record<string, unknown>>(`${serviceUrl}/digests/${userId}/send`, { json });

  beforeAll(async () => {
    api = await startApiUnderTest();
    admin = await signInAdmin(api);
    const alice = await signInAs(api, ALICE_SUB);
    aliceId = await userIdOf(api, ALICE_SUB);
    expect((await postCode(api, alice, await authorizationCode(api))).status).toBe(200);
    // Bob signs in but never switches offline access on.
    await signInAs(api, BOB_SUB);
    bobId = await userIdOf(api, BOB_SUB);
    clientId = await registerServiceClient(api, admin, 'example-digest', {
      team: 'Examples',
      contact: 'examples@example.com',
      allowedScopes: [GMAIL_SEND, CALENDAR_READONLY],
      purposes: [{ id: DIGEST_PURPOSE, feature: 'Your weekly digest by email' }],
    });
    key = (await newServiceKey(api, admin, clientId)).key;
    const config = exampleServiceConfig({
      EXAMPLE_SERVICE_PORT: '0',
      GRANTKEEPER_URL: api.url,
      GRANTKEEPER_API_KEY: key,
      GMAIL_BASE_URL: api.emulatorUrl,
      LOG_LEVEL: 'info',
    });
    client = createServiceClient({ baseUrl: api.url, apiKey: key });
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    service = buildExampleService(config, client, { logStream });
    await service.listen({ port: 0, host: '127.0.0.1' });
    const address = service.server.address();
    serviceUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await service?.close();
    await api?.close();
  });

  it('sends the digest of a user who granted gmail.send, through Gmail, on the record', async () => {
    const answer = await sendDigest(aliceId, { to: 'alice@example.com', name: 'Alice' });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('sent');
    expect(answer.body.scopes).toContain(GMAIL_SEND);
    const messages = await mailbox();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ sub: ALICE_SUB, to: 'alice@example.com' });
    expect(messages[0].subject).toMatch(/^Your weekly digest \(\d{4}-\d{2}-\d{2}\)$/);
    expect(messages[0].raw).toContain('Hello Alice,');
    const [disclosure] = await api.db.query<Record<string, unknown>>(
      'SELECT * FROM disclosures WHERE id::text = $1',
      [answer.body.disclosure_id],
    );
    expect(disclosure).toMatchObject({ user_id: aliceId, purpose: DIGEST_PURPOSE });
    const user = await request<Record<string, unknown>>(`${serviceUrl}/users/${aliceId}`);
    expect(user.body).toMatchObject({
      pending_consent: null,
      last_digest: { message_id: (answer.body as { message_id: string }).message_id },
    });
  });

  it('keeps the consent link for a scope the user never granted, and sends nothing', async () => {
    const direct = await client
      .issueToken({
        user: { id: aliceId },
        scopes: [GMAIL_SEND, CALENDAR_READONLY],
        purpose: DIGEST_PURPOSE,
      })
      .catch((error: unknown) => error);
    expect(isRefusal(direct, 'insufficient_scope')).toBe(true);
    const refusal = direct as ServiceApiRefusal;
    expect([refusal.status, refusal.missingScopes]).toEqual([403, [CALENDAR_READONLY]]);
    expect(refusal.consentUrl).toMatch(/\/consent\/[0-9a-f-]{36}$/);

    const before = (await mailbox()).length;
    const answer = await sendDigest(aliceId, { to: 'alice@example.com', include_agenda: true });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({
      error: 'consent_needed',
      missing_scopes: [CALENDAR_READONLY],
      purpose: DIGEST_PURPOSE,
    });
    expect(await mailbox()).toHaveLength(before);
    const user = await request<{ pending_consent: Record<string, unknown> }>(
      `${serviceUrl}/users/${aliceId}`,
    );
    // The link is the one Grantkeeper answered with (the consent request of `consent_url`).
    expect(user.body.pending_consent).toMatchObject({
      missing_scopes: [CALENDAR_READONLY],
      consent_url: refusal.consentUrl,
    });
    const page = await request(`${serviceUrl}/users/${aliceId}`, {
      headers: { accept: 'text/html' },
    });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain(CALENDAR_READONLY);
    expect(page.text).toContain('id="consent-link"');
    expect(page.text).toContain(refusal.consentUrl);
  });

  it('asks with a return_url to its own page once its origin is a return origin', async () => {
    // The same service with a public URL of its own, listening there.
    const port = await freePort();
    const ownUrl = `http://localhost:${port}`;
    const own = buildExampleService(
      exampleServiceConfig({
        GRANTKEEPER_URL: api.url,
        GRANTKEEPER_API_KEY: key,
        GMAIL_BASE_URL: api.emulatorUrl,
        EXAMPLE_SERVICE_PUBLIC_URL: `${ownUrl}/`,
        LOG_LEVEL: 'silent',
      }),
      client,
    );
    await own.listen({ port, host: '127.0.0.1' });
    try {
      const returnUrlOf = async (link: string) =>
        (
          await api.db.query<{ return_url: string | null }>(
            'SELECT return_url FROM consent_requests WHERE id::text = $1',
            [link.split('/').pop()],
          )
        )[0]?.return_url;
      const ask = () =>
        request<{ error?: string; consent_url: string }>(`${ownUrl}/digests/${aliceId}/send`, {
          json: { to: 'alice@example.com', include_agenda: true },
        });

      // Not registered yet: Grantkeeper refuses the return_url; the refusal's link is kept.
      const before = await ask();
      expect([before.status, before.body.error]).toEqual([409, 'consent_needed']);
      expect(before.body.consent_url).toMatch(/\/consent\/[0-9a-f-]{36}$/);
      expect(await returnUrlOf(before.body.consent_url)).toBeNull();

      const registered = await adminCall(api, admin, `service-clients/${clientId}`, {
        method: 'PATCH',
        json: { returnOrigins: [ownUrl] },
      });
      expect(registered.status).toBe(200);
      // An instance trusts a checked key (and its client) for CREDENTIAL_CACHE_MS: within it.
      let after = await ask();
      await expect
        .poll(
          async () => {
            after = await ask();
            return returnUrlOf(after.body.consent_url);
          },
          { timeout: 10_000, interval: 500 },
        )
        .toBe(`${ownUrl}/users/${aliceId}`);
      expect(after.status).toBe(409);
      // The same pending request, now bringing the user back to their page here.
      expect(after.body.consent_url).toBe(before.body.consent_url);

      const html = { headers: { accept: 'text/html' } };
      const waiting = await request(`${ownUrl}/users/${aliceId}`, html);
      expect(waiting.text).toContain('id="consent-link"');
      const back = await request(
        `${ownUrl}/users/${aliceId}?consent_request=x&status=completed`,
        html,
      );
      expect(back.text).toContain('id="consent-answer" data-status="completed"');
      expect(back.text).not.toContain('id="consent-link"');
      const declined = await request(
        `${ownUrl}/users/${aliceId}?consent_request=x&status=%22declined%3E`,
        html,
      );
      expect(declined.text).toContain('data-status="&quot;declined&gt;"');
      expect(declined.text).toContain('id="consent-link"');
    } finally {
      await own.close();
    }
  });

  it('passes the user’s own state through with its stable code', async () => {
    const noGrant = await sendDigest(bobId, { to: 'bob@corp.example' });
    expect([noGrant.status, noGrant.body.error]).toEqual([404, 'no_grant']);
    const bad = await sendDigest('not-a-user', { to: 'alice@example.com' });
    expect([bad.status, bad.body.error]).toEqual([400, 'invalid_user']);
    const injected = await sendDigest(aliceId, { to: 'a@example.com\r\nBcc: x@example.com' });
    expect([injected.status, injected.body.error]).toEqual([400, 'invalid_recipient']);
  });

  it('gives typed answers and typed refusals to its callers', async () => {
    const grant = await client.grantOf({ id: aliceId });
    expect(grant).toMatchObject({
      user_id: aliceId,
      status: 'active',
      granted_scopes: [GMAIL_SEND],
    });
    expect((await client.grantOf({ google_sub: ALICE_SUB })).id).toBe(grant.id);
    const all = [];
    for await (const item of client.allGrants({ limit: 1 })) all.push(item.id);
    expect(all).toEqual([grant.id]);
    const missing = await client.grantOf({ id: bobId }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ServiceApiRefusal);
    expect([(missing as ServiceApiRefusal).status, (missing as ServiceApiRefusal).error]).toEqual([
      404,
      'no_grant',
    ]);
    const invalid = await createServiceClient({ baseUrl: api.url, apiKey: `${key.slice(0, -1)}x` })
      .grants()
      .catch((error: unknown) => error);
    expect(isRefusal(invalid, 'invalid_credentials')).toBe(true);
    const malformed = await client
      .issueToken({ user: { id: aliceId }, scopes: ['gmail.send'], purpose: DIGEST_PURPOSE })
      .catch((error: unknown) => error);
    expect(isRefusal(malformed, 'validation_failed')).toBe(true);
    expect((malformed as ServiceApiRefusal).details?.length).toBeGreaterThan(0);
    let asked = 0;
    const provided = createServiceClient({
      baseUrl: api.url,
      tokenProvider: () => {
        asked += 1;
        return key;
      },
    });
    expect((await provided.grants({ status: 'active' })).items).toHaveLength(1);
    expect(asked).toBe(1);
  });

  it('never logs the API key or a Gmail token', async () => {
    const token = await client.issueToken({
      user: { id: aliceId },
      scopes: [GMAIL_SEND],
      purpose: DIGEST_PURPOSE,
    });
    await sendDigest(aliceId, { to: 'alice@example.com' });
    expect(logs).toContain('consent needed');
    expect(logs).not.toContain(key.slice(8));
    expect(logs).not.toContain(token.access_token);
  });
});
