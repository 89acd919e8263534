import type { HttpTestingController } from '@angular/common/http/testing';
import type { WritableSignal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminUserDetail } from '../../api/api-types';
import { SessionService } from '../../auth/session.service';
import { configurePageTestBed } from '../../shared/page-testing';
import type { ReasonDialog } from '../../shared/reason-dialog.service';
import { UserDetailPage } from './user-detail.page';

const ME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

function detailOf(id: string, changes: Partial<AdminUserDetail> = {}): AdminUserDetail {
  return {
    profile: {
      id,
      sub: '1000',
      email: `${id.slice(0, 4)}@example.com`,
      emailVerified: true,
      name: 'Some One',
      givenName: null,
      familyName: null,
      picture: null,
      hd: null,
      role: 'admin',
      createdAt: '2026-12-01T00:00:00Z',
      lastSignInAt: null,
    },
    sessions: [],
    grant: { status: 'none', scopes: [] },
    grantId: null,
    bootstrapAdmin: false,
    tasks: [],
    recentAudit: [],
    ...changes,
  };
}

describe(UserDetailPage.name, () => {
  let http: HttpTestingController;
  const ask = vi.fn<ReasonDialog['ask']>();

  beforeEach(() => {
    ask.mockReset();
    http = configurePageTestBed(ask);
  });

  async function open(id: string, detail: AdminUserDetail) {
    const session = TestBed.inject(SessionService);
    const me = session.load();
    http.expectOne('/api/v1/me').flush(detailOf(ME).profile);
    await me;
    const fixture = TestBed.createComponent(UserDetailPage);
    fixture.componentRef.setInput('id', id);
    fixture.detectChanges();
    http.expectOne(`/api/admin/users/${id}`).flush(detail);
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const page = fixture.componentInstance as unknown as { role: WritableSignal<string> };
    const saveRole = async (role: string) => {
      page.role.set(role);
      fixture.detectChanges();
      element.querySelector('form.role-form')!.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
    };
    return { element, saveRole, page };
  }

  it('shows a bootstrap admin without a role control, and says why', async () => {
    const { element } = await open(OTHER, detailOf(OTHER, { bootstrapAdmin: true }));
    expect(element.querySelector('form.role-form')).toBeNull();
    expect(element.querySelector('#bootstrap-admin')?.textContent).toContain('ADMIN_EMAILS');
  });

  it('asks before an admin demotes themself, and changes nothing when they cancel', async () => {
    const { saveRole, page } = await open(ME, detailOf(ME));
    ask.mockResolvedValue(undefined);
    await saveRole('user');
    expect(ask).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Give up your admin role?', requireReason: false }),
    );
    http.expectNone(`/api/admin/users/${ME}/role`);
    expect(page.role()).toBe('admin');
  });

  it("changes another user's role without asking", async () => {
    const { saveRole } = await open(OTHER, detailOf(OTHER));
    await saveRole('user');
    expect(ask).not.toHaveBeenCalled();
    const request = http.expectOne(`/api/admin/users/${OTHER}/role`);
    expect(request.request.body).toEqual({ role: 'user' });
  });

  it('names each session by its device, the raw User-Agent on hover', async () => {
    const userAgent =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    const { element } = await open(
      OTHER,
      detailOf(OTHER, {
        sessions: [
          {
            id: ME,
            createdAt: '2026-12-01T00:00:00Z',
            lastSeenAt: '2026-12-01T01:00:00Z',
            ip: '203.0.113.9',
            userAgent,
          },
        ],
      }),
    );
    const device = element.querySelector('li.session strong');
    expect(device?.textContent?.trim()).toBe('Chrome 131 on Linux');
    expect(device?.getAttribute('title')).toBe(userAgent);
  });

  describe('ending one session', () => {
    const SESSION = '33333333-3333-4333-8333-333333333333';
    const withSession = () =>
      detailOf(OTHER, {
        sessions: [
          {
            id: SESSION,
            createdAt: '2026-12-01T00:00:00Z',
            lastSeenAt: '2026-12-01T01:00:00Z',
            ip: '203.0.113.9',
            userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
          },
        ],
      });

    it('asks, then ends that session with DELETE and reads the user again', async () => {
      const { element } = await open(OTHER, withSession());
      ask.mockResolvedValue('');
      const button = element.querySelector<HTMLButtonElement>('li.session button.end-session')!;
      expect(button.getAttribute('aria-label')).toBe('End the session on Firefox 133 on Linux');

      button.click();
      const request = await vi.waitFor(() =>
        http.expectOne(`/api/admin/users/${OTHER}/sessions/${SESSION}`),
      );
      expect(request.request.method).toBe('DELETE');
      request.flush(null, { status: 204, statusText: 'No Content' });
      expect(ask).toHaveBeenCalledWith(
        expect.objectContaining({ confirmLabel: 'End session', requireReason: false }),
      );
      await vi.waitFor(() => http.expectOne(`/api/admin/users/${OTHER}`));
    });

    it('sends nothing when the admin cancels', async () => {
      const { element } = await open(OTHER, withSession());
      ask.mockResolvedValue(undefined);
      element.querySelector<HTMLButtonElement>('li.session button.end-session')!.click();
      await vi.waitFor(() => expect(ask).toHaveBeenCalled());
      await Promise.resolve();
      http.expectNone(`/api/admin/users/${OTHER}/sessions/${SESSION}`);
    });
  });
});
