import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreatedServiceKey, ServiceClient, ServiceClientDetail } from '../../api/api-types';
import type { ReasonDialog } from '../../shared/reason-dialog.service';
import { ServiceClientDetailPage } from './service-client-detail.page';
import { ServiceClientNewPage } from './service-client-new.page';
import { configurePageTestBed, input } from '../../shared/page-testing';

const ID = '11111111-1111-4111-8111-111111111111';
const KEY_ID = '22222222-2222-4222-8222-222222222222';
const SECRET = `gk_test_${'A1b2C3d4'.repeat(8)}xyz1234`;

const CLIENT: ServiceClient = {
  id: ID,
  name: 'newsletter',
  team: 'Growth',
  contact: 'growth@example.com',
  allowedScopes: ['https://www.googleapis.com/auth/gmail.send'],
  purposes: [{ id: 'weekly-digest', feature: 'Your weekly digest' }],
  ipAllowlist: [],
  status: 'active',
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
  lastUsedAt: null,
  returnOrigins: ['https://newsletter.example.com'],
  jwks: null,
  jwksUri: null,
  jwtApiScopes: ['tokens:issue', 'grants:read'],
};

const KEY: CreatedServiceKey = {
  id: KEY_ID,
  lookupPrefix: 'A1b2C3d4',
  apiScopes: ['tokens:issue', 'grants:read'],
  createdAt: '2026-12-03T10:00:00Z',
  expiresAt: '2027-03-03T10:00:00Z',
  revokedAt: null,
  lastUsedAt: null,
  lastUsedIp: null,
  key: SECRET,
};
const KEY_VIEW = Object.fromEntries(Object.entries(KEY).filter(([name]) => name !== 'key')) as Omit<
  CreatedServiceKey,
  'key'
>;

describe('service client pages', () => {
  let http: HttpTestingController;
  const ask = vi.fn<ReasonDialog['ask']>();

  beforeEach(() => {
    ask.mockReset();
    http = configurePageTestBed(ask);
  });

  describe(ServiceClientNewPage.name, () => {
    async function open() {
      const fixture = TestBed.createComponent(ServiceClientNewPage);
      fixture.detectChanges();
      await fixture.whenStable();
      const element = fixture.nativeElement as HTMLElement;
      const submit = async () => {
        element.querySelector('gk-service-client-form form')!.dispatchEvent(new Event('submit'));
        await fixture.whenStable();
      };
      return { fixture, element, submit };
    }

    it('registers the client with every field as the API takes it, then opens its page', async () => {
      const { fixture, element, submit } = await open();
      const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
      input(element, 'name', 'newsletter');
      input(element, 'team', 'Growth');
      input(element, 'contact', 'growth@example.com');
      input(element, 'allowedScopes', 'gmail.send\nopenid');
      input(element, 'purposes-id-0', 'weekly-digest');
      input(element, 'purposes-feature-0', 'Your weekly digest');
      input(element, 'ipAllowlist', '10.0.0.0/8');
      fixture.detectChanges();
      await submit();
      const request = http.expectOne('/api/admin/service-clients');
      expect(request.request.method).toBe('POST');
      expect(request.request.body).toEqual({
        name: 'newsletter',
        team: 'Growth',
        contact: 'growth@example.com',
        allowedScopes: ['https://www.googleapis.com/auth/gmail.send', 'openid'],
        purposes: [{ id: 'weekly-digest', feature: 'Your weekly digest' }],
        ipAllowlist: ['10.0.0.0/8'],
        returnOrigins: [],
        jwksUri: null,
        jwks: null,
      });
      request.flush(CLIENT, { status: 201, statusText: 'Created' });
      await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith(['/service-clients', ID]));
    });

    it("shows the API's validation messages under the fields they are about", async () => {
      const { fixture, element, submit } = await open();
      await submit();
      http.expectOne('/api/admin/service-clients').flush(
        {
          statusCode: 400,
          error: 'validation_failed',
          message: 'The request is invalid.',
          details: [
            'name must be longer than or equal to 2 characters',
            'each ipAllowlist entry must be an IPv4 or IPv6 address or CIDR block',
          ],
        },
        { status: 400, statusText: 'Bad Request' },
      );
      await fixture.whenStable();
      fixture.detectChanges();
      const under = (key: string) =>
        [...element.querySelectorAll(`[data-error-for="${key}"]`)].map((p) => p.textContent);
      expect(under('name')).toEqual(['name must be longer than or equal to 2 characters']);
      expect(under('ipAllowlist')).toEqual([
        'each ipAllowlist entry must be an IPv4 or IPv6 address or CIDR block',
      ]);
      expect(under('team')).toEqual([]);
      const alert = element.querySelector('[role="alert"]')!;
      expect(alert.getAttribute('data-error-code')).toBe('validation_failed');
      expect(alert.querySelectorAll('li')).toHaveLength(2);
    });
  });

  describe(ServiceClientDetailPage.name, () => {
    async function open(detail: ServiceClientDetail) {
      const fixture = TestBed.createComponent(ServiceClientDetailPage);
      fixture.componentRef.setInput('id', ID);
      fixture.detectChanges();
      http.expectOne(`/api/admin/service-clients/${ID}`).flush(detail);
      await fixture.whenStable();
      fixture.detectChanges();
      // ngModel writes the loaded values into the inputs a tick later.
      await fixture.whenStable();
      fixture.detectChanges();
      await fixture.whenStable();
      return { fixture, element: fixture.nativeElement as HTMLElement };
    }

    it('shows a new key once, with a copy button and a warning, and forgets it when hidden', async () => {
      const { fixture, element } = await open({ client: CLIENT, keys: [] });
      expect(element.querySelector('#no-keys')).not.toBeNull();
      expect(element.textContent).not.toContain(SECRET);
      element.querySelector('form.key-form')!.dispatchEvent(new Event('submit'));
      const created = http.expectOne(`/api/admin/service-clients/${ID}/keys`);
      expect(created.request.method).toBe('POST');
      expect(created.request.body).toEqual({
        apiScopes: ['tokens:issue', 'grants:read'],
        expiresInDays: 90,
      });
      created.flush(KEY, { status: 201, statusText: 'Created' });
      // The page reads the client again: the list has the key, never its secret.
      const reread = await vi.waitFor(() => http.expectOne(`/api/admin/service-clients/${ID}`));
      reread.flush({ client: CLIENT, keys: [KEY_VIEW] });
      await fixture.whenStable();
      fixture.detectChanges();

      const panel = element.querySelector('#new-key')!;
      expect(panel.querySelector('#new-key-secret')?.textContent).toBe(SECRET);
      expect(panel.querySelector('[role="alert"]')?.textContent).toContain('shown this once');
      const copy = [...panel.querySelectorAll('button')].find((b) =>
        /Copy key/.test(b.textContent),
      );
      expect(copy).toBeDefined();
      expect(element.querySelector('table[aria-label="API keys"]')?.textContent).toContain(
        'A1b2C3d4…',
      );
      // Only the panel has it.
      expect(element.textContent.split(SECRET)).toHaveLength(2);

      const hide = [...panel.querySelectorAll('button')].find((b) =>
        /hide it/.test(b.textContent),
      )!;
      hide.click();
      fixture.detectChanges();
      expect(element.querySelector('#new-key')).toBeNull();
      expect(element.textContent).not.toContain(SECRET);
    });

    it('shows no secret on a fresh visit (leaving the page forgets it)', async () => {
      const { element } = await open({ client: CLIENT, keys: [KEY_VIEW] });
      expect(element.querySelector('#new-key')).toBeNull();
      expect(element.textContent).not.toContain(SECRET);
      expect(element.textContent).toContain('A1b2C3d4…');
    });

    it('sends only the API scopes ticked and the expiry chosen', async () => {
      const { fixture, element } = await open({ client: CLIENT, keys: [] });
      const page = fixture.componentInstance as unknown as {
        keyForm: { scopes: Record<string, boolean>; expiresInDays: number };
      };
      page.keyForm.scopes['grants:read'] = false;
      page.keyForm.expiresInDays = 30;
      element.querySelector('form.key-form')!.dispatchEvent(new Event('submit'));
      const created = http.expectOne(`/api/admin/service-clients/${ID}/keys`);
      expect(created.request.body).toEqual({ apiScopes: ['tokens:issue'], expiresInDays: 30 });
    });

    it('revokes a key only once confirmed', async () => {
      const { element } = await open({ client: CLIENT, keys: [KEY_VIEW] });
      const revoke = element.querySelector<HTMLButtonElement>(
        'button[aria-label="Revoke key A1b2C3d4"]',
      )!;
      ask.mockResolvedValue(undefined);
      revoke.click();
      await vi.waitFor(() => expect(ask).toHaveBeenCalledTimes(1));
      await Promise.resolve();
      http.expectNone(`/api/admin/service-clients/${ID}/keys/${KEY_ID}`);

      ask.mockResolvedValue('');
      revoke.click();
      const request = await vi.waitFor(() =>
        http.expectOne(`/api/admin/service-clients/${ID}/keys/${KEY_ID}`),
      );
      expect(request.request.method).toBe('DELETE');
      expect(ask).toHaveBeenLastCalledWith(
        expect.objectContaining({ confirmLabel: 'Revoke key', requireReason: false }),
      );
    });

    it('says deleting revokes its keys, and deletes once confirmed', async () => {
      const { element } = await open({ client: CLIENT, keys: [KEY_VIEW] });
      const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
      ask.mockResolvedValue('');
      [...element.querySelectorAll('button')].find((b) => /Delete/.test(b.textContent))!.click();
      const request = await vi.waitFor(() => http.expectOne(`/api/admin/service-clients/${ID}`));
      expect(request.request.method).toBe('DELETE');
      expect(ask.mock.calls[0][0].message).toMatch(/its live key is revoked at once/);
      request.flush(null, { status: 204, statusText: 'No Content' });
      await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith(['/service-clients']));
    });

    it('suspends with confirmation and PATCHes only the status', async () => {
      const { element } = await open({ client: CLIENT, keys: [] });
      ask.mockResolvedValue('');
      element.querySelector<HTMLButtonElement>('#toggle-status')!.click();
      const request = await vi.waitFor(() => http.expectOne(`/api/admin/service-clients/${ID}`));
      expect(request.request.method).toBe('PATCH');
      expect(request.request.body).toEqual({ status: 'suspended' });
      expect(ask.mock.calls[0][0].title).toBe('Suspend newsletter?');
    });

    it('saves the edit form with every field', async () => {
      const { fixture, element } = await open({ client: CLIENT, keys: [] });
      expect(element.querySelector<HTMLInputElement>('[name="team"]')!.value).toBe('Growth');
      input(element, 'team', 'Lifecycle');
      fixture.detectChanges();
      element.querySelector('gk-service-client-form form')!.dispatchEvent(new Event('submit'));
      const request = http.expectOne(`/api/admin/service-clients/${ID}`);
      expect(request.request.method).toBe('PATCH');
      expect(request.request.body).toMatchObject({
        name: 'newsletter',
        team: 'Lifecycle',
        allowedScopes: ['https://www.googleapis.com/auth/gmail.send'],
      });
    });
  });
});
