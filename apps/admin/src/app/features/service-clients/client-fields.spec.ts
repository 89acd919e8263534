import { describe, expect, it } from 'vitest';
import type { ServiceClient } from '../../api/api-types';
import { CLIENT_FIELDS, clientBodyOf, clientFormOf, fieldErrors } from './client-fields';

const CLIENT: ServiceClient = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'newsletter',
  team: 'Growth',
  contact: 'growth@example.com',
  allowedScopes: ['https://www.googleapis.com/auth/gmail.send', 'openid'],
  purposes: [{ id: 'weekly-digest', feature: 'Your weekly digest' }],
  ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'],
  status: 'active',
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
  lastUsedAt: null,
  returnOrigins: ['https://newsletter.example.com'],
  jwks: null,
  jwksUri: null,
  jwtApiScopes: ['tokens:issue', 'grants:read'],
};

const field = (key: string) => CLIENT_FIELDS.find((candidate) => candidate.key === key)!;

describe('service client form fields', () => {
  it('shows a client with scopes by short name and lists a line each', () => {
    const form = clientFormOf(CLIENT);
    expect(form['allowedScopes']).toBe('gmail.send\nopenid');
    expect(form['ipAllowlist']).toBe('10.0.0.0/8\n2001:db8::/32');
    expect(form['purposes']).toEqual([{ id: 'weekly-digest', feature: 'Your weekly digest' }]);
    expect(form['name']).toBe('newsletter');
  });

  it('sends what it showed back unchanged: full scope URLs, arrays, trimmed text', () => {
    const form = clientFormOf(CLIENT);
    form['team'] = '  Growth team ';
    expect(clientBodyOf(form)).toEqual({
      name: 'newsletter',
      team: 'Growth team',
      contact: 'growth@example.com',
      allowedScopes: ['https://www.googleapis.com/auth/gmail.send', 'openid'],
      purposes: [{ id: 'weekly-digest', feature: 'Your weekly digest' }],
      ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'],
      returnOrigins: ['https://newsletter.example.com'],
      jwksUri: null,
      jwks: null,
      jwtApiScopes: ['tokens:issue', 'grants:read'],
    });
  });

  it('sends a JWK set as JSON, a URL instead of none, and leaves empty API scopes out', () => {
    const form = clientFormOf(CLIENT);
    form['jwks'] = '{ "keys": [{ "kty": "OKP", "crv": "Ed25519", "x": "abc" }] }';
    form['jwtApiScopes'] = '';
    const body = clientBodyOf(form) as Record<string, unknown>;
    expect(body['jwks']).toEqual({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'abc' }] });
    expect(body['jwtApiScopes']).toBeUndefined();
    form['jwks'] = '{ not json';
    // Not JSON: sent as typed, so the API's 400 says what is wrong under the field.
    expect((clientBodyOf(form) as Record<string, unknown>)['jwks']).toBe('{ not json');
    form['jwks'] = '';
    form['jwksUri'] = ' https://newsletter.example.com/jwks.json ';
    expect(clientBodyOf(form)).toMatchObject({
      jwks: null,
      jwksUri: 'https://newsletter.example.com/jwks.json',
    });
  });

  it('starts empty with one purpose row, and leaves out blank rows and lines', () => {
    const form = clientFormOf();
    expect(form['purposes']).toEqual([{ id: '', feature: '' }]);
    form['allowedScopes'] = 'gmail.send\n\n  calendar.readonly , email';
    const body = clientBodyOf(form);
    expect(body.purposes).toEqual([]);
    expect(body.ipAllowlist).toEqual([]);
    expect(body.allowedScopes).toEqual([
      'https://www.googleapis.com/auth/gmail.send',
      'https://www.googleapis.com/auth/calendar.readonly',
      'email',
    ]);
  });

  it("puts each of a 400's details under the field it is about", () => {
    const details = [
      'name must be longer than or equal to 2 characters',
      'purposes.0.purpose id must be kebab-case, 1–64 characters',
      'each ipAllowlist entry must be an IPv4 or IPv6 address or CIDR block',
      'each scope must be a Google scope URL, openid, email or profile',
      'contact must be a string',
    ];
    expect(fieldErrors(field('name'), details)).toEqual([details[0]]);
    expect(fieldErrors(field('purposes'), details)).toEqual([details[1]]);
    expect(fieldErrors(field('ipAllowlist'), details)).toEqual([details[2]]);
    expect(fieldErrors(field('allowedScopes'), details)).toEqual([details[3]]);
    expect(fieldErrors(field('contact'), details)).toEqual([details[4]]);
    expect(fieldErrors(field('team'), details)).toEqual([]);
    expect(fieldErrors(field('team'), undefined)).toEqual([]);
  });
});
