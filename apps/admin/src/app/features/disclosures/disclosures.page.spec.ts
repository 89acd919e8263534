import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Disclosure } from '../../api/api-types';
import { DisclosuresPage } from './disclosures.page';

const USER = '11111111-1111-4111-8111-111111111111';
const CLIENT = '22222222-2222-4222-8222-222222222222';

const ISSUED: Disclosure = {
  id: '7',
  occurredAt: '2026-12-03T10:00:00Z',
  clientId: CLIENT,
  clientName: 'newsletter',
  keyId: '33333333-3333-4333-8333-333333333333',
  accessTokenId: null,
  userId: USER,
  userEmail: 'alice@example.com',
  grantId: '44444444-4444-4444-8444-444444444444',
  scopes: ['https://www.googleapis.com/auth/gmail.send'],
  purpose: 'weekly-digest',
  purposeDetail: null,
  outcome: 'issued',
  refusal: null,
  tokenFingerprint: 'sha256:abcdefghijklmnop',
  requestId: 'req-1',
  ip: '203.0.113.9',
};

describe(DisclosuresPage.name, () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  async function open(query: Record<string, string>) {
    await TestBed.inject(Router).navigate([], { queryParams: query });
    const fixture = TestBed.createComponent(DisclosuresPage);
    fixture.detectChanges();
    http.expectOne('/api/admin/service-clients').flush({ items: [] });
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it("lists a user's disclosures by their email, and exports the same filter", async () => {
    const { fixture, element } = await open({ user: 'Alice@example.com', outcome: 'issued' });
    const users = await vi.waitFor(() => http.expectOne((r) => r.url === '/api/admin/users'));
    expect(users.request.params.get('q')).toBe('Alice@example.com');
    users.flush({
      items: [
        { id: 'other', email: 'malice@example.com' },
        { id: USER, email: 'alice@example.com' },
      ],
      nextCursor: null,
    });
    const page = await vi.waitFor(() => http.expectOne((r) => r.url === '/api/admin/disclosures'));
    expect(page.request.params.get('userId')).toBe(USER);
    expect(page.request.params.get('outcome')).toBe('issued');
    page.flush({ items: [ISSUED], nextCursor: null });
    await fixture.whenStable();
    fixture.detectChanges();
    const row = element.querySelector('tr.disclosure')!;
    expect(row.textContent).toContain('alice@example.com');
    expect(row.textContent).toContain('gmail.send');
    expect(row.querySelector('.fingerprint')?.textContent).toContain('sha256:abcdefghijklmnop');
    expect(row.querySelector('details')?.hasAttribute('open')).toBe(false);
    const csv = element.querySelector<HTMLAnchorElement>('#disclosures-csv')!;
    expect(csv.getAttribute('href')).toBe(
      `/api/admin/disclosures.csv?userId=${USER}&outcome=issued`,
    );
  });

  it('says so when no user has the email, and lists nothing', async () => {
    const { fixture, element } = await open({ user: 'nobody@example.com' });
    const users = await vi.waitFor(() => http.expectOne((r) => r.url === '/api/admin/users'));
    users.flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    fixture.detectChanges();
    http.expectNone((r) => r.url === '/api/admin/disclosures');
    expect(element.querySelector('#no-such-user')?.textContent).toContain('nobody@example.com');
    expect(element.querySelector('#disclosures-csv')).toBeNull();
  });
});
