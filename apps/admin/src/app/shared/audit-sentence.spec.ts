import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../api/api-types';
import { actorOf, sentenceOf } from './audit-sentence';

const ADA = '46b1cac9-f156-4082-ad3c-e14ca2a10076';
const ALICE = '90d077f0-f2aa-478e-a24b-e82203b93268';

function event(changes: Partial<AuditEvent>): AuditEvent {
  return {
    id: '1',
    occurredAt: '2026-12-01T11:14:09Z',
    actorKind: 'admin',
    actorId: ADA,
    actorEmail: 'ada@grantkeeper.test',
    requestUserId: null,
    requestUserEmail: null,
    action: 'offline_access.revoked',
    subjectUserId: ALICE,
    subjectEmail: 'alice@example.com',
    grantId: null,
    requestId: null,
    ip: null,
    userAgent: null,
    details: {},
    ...changes,
  };
}

describe('actorOf', () => {
  it('names people by email, the kind and id on hover', () => {
    expect(actorOf(event({}))).toEqual({
      text: 'admin ada@grantkeeper.test',
      title: `admin:${ADA}`,
    });
  });

  it("names the request's user for an anonymous step, never 'anonymous'", () => {
    const step = event({
      actorKind: 'anonymous',
      actorId: null,
      actorEmail: null,
      requestUserId: ALICE,
      requestUserEmail: 'alice@example.com',
    });
    expect(actorOf(step).text).toBe('alice@example.com');
    expect(actorOf(event({ actorKind: 'anonymous', actorId: null })).text).toBe(
      'someone not signed in',
    );
  });

  it('falls back to a short id when the user is gone', () => {
    expect(actorOf(event({ actorKind: 'user', actorId: ALICE, actorEmail: null })).text).toBe(
      '90d077f0…',
    );
  });
});

describe('sentenceOf', () => {
  it.each([
    [
      event({ details: { reason: 'Left the company', by: `admin:${ADA}` } }),
      "Admin ada@grantkeeper.test revoked alice@example.com's grant: “Left the company”",
    ],
    [
      event({
        actorKind: 'google',
        actorId: null,
        details: { reason: 'invalid_grant', by: 'google' },
      }),
      "Google ended alice@example.com's grant: Google no longer accepts the grant",
    ],
    [
      event({
        action: 'offline_access.grant_created',
        actorKind: 'user',
        actorId: ALICE,
        actorEmail: 'alice@example.com',
        details: { scopes: ['https://www.googleapis.com/auth/gmail.send', 'openid'] },
      }),
      'alice@example.com granted offline access: gmail.send, openid',
    ],
    [
      event({ action: 'admin.role_changed', details: { from: 'user', to: 'admin' } }),
      "Admin ada@grantkeeper.test changed alice@example.com's role from user to admin",
    ],
    [
      event({
        action: 'admin.role_granted',
        actorKind: 'system',
        actorId: null,
        details: { by: 'ADMIN_EMAILS', from: 'user', to: 'admin', at: 'sign_in' },
      }),
      'alice@example.com was made an admin at sign-in: the address is in ADMIN_EMAILS',
    ],
    [
      event({ action: 'admin.session_revoked', details: { session_id: ALICE } }),
      'Admin ada@grantkeeper.test ended a session of alice@example.com',
    ],
    [
      event({ action: 'admin.sessions_revoked', details: { revoked: 1 } }),
      'Admin ada@grantkeeper.test ended 1 session of alice@example.com',
    ],
    [
      event({
        action: 'sign_in.failed',
        actorKind: 'anonymous',
        actorId: null,
        details: { reason: 'wrong_audience' },
      }),
      'A sign-in was refused: The ID token was issued for another app',
    ],
    [
      event({
        action: 'offline_access.refresh_failed',
        actorKind: 'system',
        actorId: null,
        details: { reason: 'backing_off', final: false },
      }),
      'Refresh failed for alice@example.com: Google was unreachable; retrying later',
    ],
    [event({ action: 'something.new' }), 'something.new by admin ada@grantkeeper.test'],
  ])('reads %j as a sentence', (input, sentence) => {
    expect(sentenceOf(input)).toBe(sentence);
  });
});
