import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { GmailSender, GoogleHttpClient } from '@grantkeeper/google';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineTaskError } from '../offline-task.js';
import { nextOccurrence } from '../task-runner.js';
import { newsDigestTask } from './news-digest.task.js';

const gmail = (baseUrl: string) =>
  new GmailSender({ baseUrl, http: new GoogleHttpClient({ timeoutMs: 1000 }) });
const task = newsDigestTask({
  gmail: gmail('http://gmail.test'),
  accountUrl: 'https://grantkeeper.test/account',
  schedule: '0 7 * * *',
});

describe('newsDigestTask', () => {
  describe('parseSettings', () => {
    it('keeps known categories once each, sorted', () => {
      expect(task.parseSettings({ categories: ['sports', 'science', 'sports'] })).toEqual({
        categories: ['science', 'sports'],
      });
    });

    it.each([
      ['no categories', {}],
      ['an empty list', { categories: [] }],
      ['an unknown category', { categories: ['science', 'gossip'] }],
      ['a non-string', { categories: [42] }],
      ['null', null],
    ])('refuses %s with invalid_settings', (_name, input) => {
      expect(() => task.parseSettings(input)).toThrow(OfflineTaskError);
      expect(() => task.parseSettings(input)).toThrow(/categories must list/);
    });
  });

  it('asks only for gmail.send, which cannot read the mailbox', () => {
    expect(task.scopes).toEqual(['https://www.googleapis.com/auth/gmail.send']);
  });
});

describe('nextOccurrence', () => {
  it('is the next time the cron expression fires after the given instant', () => {
    const after = new Date('2026-12-01T07:00:00.000Z');
    const next = nextOccurrence('0 7 * * *', after);

    expect(next.getTime()).toBeGreaterThan(after.getTime());
    expect(next.getTime() - after.getTime()).toBeLessThanOrEqual(24 * 3600_000);
  });
});

describe('newsDigestTask.run against Gmail answering 401', () => {
  let server: Server;
  let gmailUrl: string;
  const answers: number[] = [];
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers.authorization ?? '');
      request.resume();
      response.statusCode = answers.shift() ?? 200;
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    gmailUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const run = (renew: () => Promise<string>) =>
    newsDigestTask({
      gmail: gmail(gmailUrl),
      accountUrl: 'https://grantkeeper.test/account',
      schedule: '0 7 * * *',
    }).run({
      userId: 'u',
      email: 'alice@example.com',
      name: 'Alice',
      accessToken: 'ya29.old',
      renewAccessToken: renew,
      settings: { categories: ['science'] },
      signal: new AbortController().signal,
      logger: new Logger('test'),
    });

  it('renews the token once and sends with the new one', async () => {
    answers.splice(0, answers.length, 401, 200);
    seen.length = 0;
    let renewals = 0;

    await run(() => {
      renewals += 1;
      return Promise.resolve('ya29.new');
    });

    expect(renewals).toBe(1);
    expect(seen).toEqual(['Bearer ya29.old', 'Bearer ya29.new']);
  });

  it('fails with gmail_token_refused when the new token is refused too, renewing only once', async () => {
    answers.splice(0, answers.length, 401, 401);
    let renewals = 0;

    const error = await run(() => {
      renewals += 1;
      return Promise.resolve('ya29.new');
    }).catch((caught: unknown) => caught as OfflineTaskError);

    expect(renewals).toBe(1);
    expect(error).toMatchObject({
      code: 'gmail_token_refused',
      retryable: true,
      upstreamStatus: 401,
    });
  });

  it('passes on the renewal’s refusal (a dead grant) as is', async () => {
    answers.splice(0, answers.length, 401);
    const dead = new OfflineTaskError('grant_revoked', 'revoked', false);

    await expect(run(() => Promise.reject(dead))).rejects.toBe(dead);
  });
});
