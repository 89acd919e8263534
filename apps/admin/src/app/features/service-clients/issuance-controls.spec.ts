import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScopeKillSwitch, ServiceClientControls } from '../../api/api-types';
import type { ReasonDialog } from '../../shared/reason-dialog.service';
import { ScopeKillSwitchesComponent } from './scope-kill-switches.component';
import { ServiceClientControlsComponent, limitsBodyOf } from './service-client-controls.component';
import { configurePageTestBed, input } from '../../shared/page-testing';

const ID = '11111111-1111-4111-8111-111111111111';
const ADMIN = '33333333-3333-4333-8333-333333333333';
const CONTROLS = `/api/admin/service-clients/${ID}/controls`;
const KILL_SWITCH = `/api/admin/service-clients/${ID}/kill-switch`;
const SCOPES = '/api/admin/scope-kill-switches';
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';

const DEFAULTS: ServiceClientControls = {
  rateLimits: { perMinute: null, perUserPerMinute: null },
  effective: { perMinute: 600, perUserPerMinute: 30 },
  killSwitch: null,
};
const STOPPED: ServiceClientControls = {
  rateLimits: { perMinute: 120, perUserPerMinute: null },
  effective: { perMinute: 120, perUserPerMinute: 30 },
  killSwitch: { reason: 'Incident 42: tokens in a log', since: '2026-12-03T10:00:00Z', by: ADMIN },
};
const SCOPE_STOP: ScopeKillSwitch = {
  scope: GMAIL_SEND,
  reason: 'Gmail sending abused',
  since: '2026-12-03T11:00:00Z',
  by: ADMIN,
};

function button(element: HTMLElement, text: RegExp): HTMLButtonElement {
  const found = [...element.querySelectorAll('button')].find((b) => text.test(b.textContent));
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

describe('issuance controls', () => {
  let http: HttpTestingController;
  const ask = vi.fn<ReasonDialog['ask']>();

  beforeEach(() => {
    ask.mockReset();
    http = configurePageTestBed(ask);
  });

  describe(limitsBodyOf.name, () => {
    it('sends empty fields as null (the default) and numbers as numbers', () => {
      expect(limitsBodyOf({ perMinute: ' 120 ', perUserPerMinute: '' })).toEqual({
        perMinute: 120,
        perUserPerMinute: null,
      });
    });

    it('refuses what the API would refuse, before any request', () => {
      for (const bad of ['0', '-5', '1.5', 'ten', '1000001']) {
        const result = limitsBodyOf({ perMinute: bad, perUserPerMinute: '' });
        expect(result).toMatchObject({ statusCode: 0, error: 'invalid_limits' });
      }
      expect(limitsBodyOf({ perMinute: '1000000', perUserPerMinute: '1' })).toEqual({
        perMinute: 1_000_000,
        perUserPerMinute: 1,
      });
    });
  });

  describe(ServiceClientControlsComponent.name, () => {
    async function open(controls: ServiceClientControls) {
      const fixture = TestBed.createComponent(ServiceClientControlsComponent);
      fixture.componentRef.setInput('clientId', ID);
      fixture.componentRef.setInput('clientName', 'newsletter');
      fixture.detectChanges();
      http.expectOne(CONTROLS).flush(controls);
      await fixture.whenStable();
      fixture.detectChanges();
      await fixture.whenStable();
      fixture.detectChanges();
      return { fixture, element: fixture.nativeElement as HTMLElement };
    }

    it('shows the limits in force, saying which are the defaults', async () => {
      const { element } = await open(STOPPED);
      const limits = element.querySelector('#limits-in-force')!.textContent;
      expect(limits).toMatch(/Calls per minute\s*120\s*\(its own\)/);
      expect(limits).toMatch(/per user per minute\s*30\s*\(the default\)/);
      expect(element.querySelector<HTMLInputElement>('[name="perMinute"]')!.value).toBe('120');
      expect(element.querySelector<HTMLInputElement>('[name="perUserPerMinute"]')!.value).toBe('');
    });

    it('sets the limits, an empty field as null', async () => {
      const { fixture, element } = await open(DEFAULTS);
      input(element, 'perMinute', '250');
      fixture.detectChanges();
      element.querySelector('form[aria-label="Rate limits"]')!.dispatchEvent(new Event('submit'));
      const request = http.expectOne(`/api/admin/service-clients/${ID}/rate-limits`);
      expect(request.request.method).toBe('PUT');
      expect(request.request.body).toEqual({ perMinute: 250, perUserPerMinute: null });
      request.flush({
        ...DEFAULTS,
        rateLimits: { perMinute: 250, perUserPerMinute: null },
        effective: { perMinute: 250, perUserPerMinute: 30 },
      });
      await fixture.whenStable();
      fixture.detectChanges();
      expect(element.querySelector('#limits-in-force')!.textContent).toMatch(/250\s*\(its own\)/);
    });

    it('sends no request for a limit the API would refuse, and says why', async () => {
      const { fixture, element } = await open(DEFAULTS);
      input(element, 'perMinute', '0');
      fixture.detectChanges();
      element.querySelector('form[aria-label="Rate limits"]')!.dispatchEvent(new Event('submit'));
      fixture.detectChanges();
      http.expectNone(`/api/admin/service-clients/${ID}/rate-limits`);
      expect(element.querySelector('[role="alert"]')?.textContent).toContain(
        'Calls per minute must be a whole number',
      );
    });

    it('stops issuance only with a reason, then shows the switch prominently', async () => {
      const { fixture, element } = await open(DEFAULTS);
      expect(element.querySelector('#kill-switch-on')).toBeNull();
      ask.mockResolvedValue(undefined);
      button(element, /Stop issuing tokens/).click();
      await vi.waitFor(() => expect(ask).toHaveBeenCalledTimes(1));
      await Promise.resolve();
      http.expectNone(KILL_SWITCH);
      expect(ask.mock.calls[0][0]).toMatchObject({ title: 'Stop issuing tokens to newsletter?' });
      expect(ask.mock.calls[0][0].requireReason).not.toBe(false);

      ask.mockResolvedValue('Incident 42: tokens in a log');
      button(element, /Stop issuing tokens/).click();
      const request = await vi.waitFor(() => http.expectOne(KILL_SWITCH));
      expect(request.request.method).toBe('PUT');
      expect(request.request.body).toEqual({ reason: 'Incident 42: tokens in a log' });
      request.flush(STOPPED);
      await fixture.whenStable();
      fixture.detectChanges();

      const banner = element.querySelector('#kill-switch-on')!;
      expect(banner.getAttribute('role')).toBe('alert');
      expect(banner.textContent).toContain('Token issuance is stopped');
      expect(banner.textContent).toContain('Reason: Incident 42: tokens in a log');
      expect(banner.textContent).toMatch(/Since Dec 3, 2026/);
      expect(banner.querySelector('a')!.getAttribute('href')).toBe(`/users/${ADMIN}`);
      expect(
        [...element.querySelectorAll('button')].some((b) => /Stop issuing/.test(b.textContent)),
      ).toBe(false);
    });

    it('resumes once confirmed, without a reason', async () => {
      const { fixture, element } = await open(STOPPED);
      ask.mockResolvedValue('');
      element.querySelector<HTMLButtonElement>('#resume-issuance')!.click();
      const request = await vi.waitFor(() => http.expectOne(KILL_SWITCH));
      expect(request.request.method).toBe('DELETE');
      expect(ask.mock.calls[0][0]).toMatchObject({
        confirmLabel: 'Resume issuance',
        requireReason: false,
      });
      request.flush({ ...STOPPED, killSwitch: null });
      await fixture.whenStable();
      fixture.detectChanges();
      expect(element.querySelector('#kill-switch-on')).toBeNull();
      expect(button(element, /Stop issuing tokens/)).toBeDefined();
    });

    it("shows the API's refusal and keeps the switch as it was", async () => {
      const { fixture, element } = await open(STOPPED);
      ask.mockResolvedValue('');
      element.querySelector<HTMLButtonElement>('#resume-issuance')!.click();
      const request = await vi.waitFor(() => http.expectOne(KILL_SWITCH));
      request.flush(
        { statusCode: 404, error: 'not_found', message: 'The switch is off.' },
        { status: 404, statusText: 'Not Found' },
      );
      await fixture.whenStable();
      fixture.detectChanges();
      expect(element.querySelector('[data-error-code="not_found"]')).not.toBeNull();
      expect(element.querySelector('#kill-switch-on')).not.toBeNull();
    });
  });

  describe(ScopeKillSwitchesComponent.name, () => {
    async function open(items: ScopeKillSwitch[]) {
      const fixture = TestBed.createComponent(ScopeKillSwitchesComponent);
      fixture.detectChanges();
      http.expectOne(SCOPES).flush({ items });
      await fixture.whenStable();
      fixture.detectChanges();
      return { fixture, element: fixture.nativeElement as HTMLElement };
    }

    it('lists the stopped scopes by short name, with reason, since and by', async () => {
      const { element } = await open([SCOPE_STOP]);
      const row = element.querySelector('table[aria-label="Stopped scopes"] tr[mat-row]')!;
      const cells = [...row.querySelectorAll('td')].map((td) => td.textContent.trim());
      expect(cells[0]).toBe('gmail.send');
      expect(cells[1]).toBe('Gmail sending abused');
      expect(cells[2]).toMatch(/Dec 3, 2026/);
      expect(row.querySelector('a')!.getAttribute('href')).toBe(`/users/${ADMIN}`);
    });

    it('says when no scope is stopped', async () => {
      const { element } = await open([]);
      expect(element.querySelector('#no-scope-switches')?.textContent).toContain(
        'No scope is stopped',
      );
    });

    it('stops a scope given by short name, with a reason, and reads the list again', async () => {
      const { fixture, element } = await open([]);
      input(element, 'scope', 'gmail.send');
      fixture.detectChanges();
      ask.mockResolvedValue('Gmail sending abused');
      element.querySelector('form[aria-label="Stop a scope"]')!.dispatchEvent(new Event('submit'));
      const request = await vi.waitFor(() =>
        http.expectOne(`${SCOPES}/${encodeURIComponent(GMAIL_SEND)}`),
      );
      expect(request.request.method).toBe('PUT');
      expect(request.request.body).toEqual({ reason: 'Gmail sending abused' });
      expect(ask.mock.calls[0][0].message).toContain(GMAIL_SEND);
      request.flush(SCOPE_STOP);
      const reread = await vi.waitFor(() => http.expectOne(SCOPES));
      reread.flush({ items: [SCOPE_STOP] });
      await fixture.whenStable();
      fixture.detectChanges();
      expect(element.querySelector('table[aria-label="Stopped scopes"]')?.textContent).toContain(
        'gmail.send',
      );
    });

    it('takes a full URL as it is, and sends nothing without a scope or a reason', async () => {
      const { fixture, element } = await open([]);
      element.querySelector('form[aria-label="Stop a scope"]')!.dispatchEvent(new Event('submit'));
      fixture.detectChanges();
      expect(ask).not.toHaveBeenCalled();
      expect(element.querySelector('[data-error-code="scope_required"]')).not.toBeNull();

      input(element, 'scope', 'https://www.googleapis.com/auth/drive.readonly');
      fixture.detectChanges();
      ask.mockResolvedValue(undefined);
      element.querySelector('form[aria-label="Stop a scope"]')!.dispatchEvent(new Event('submit'));
      await vi.waitFor(() => expect(ask).toHaveBeenCalledTimes(1));
      expect(ask.mock.calls[0][0].title).toBe('Stop the scope drive.readonly?');
      await Promise.resolve();
      http.expectNone(() => true);
    });

    it('clears a switch once confirmed', async () => {
      const { element } = await open([SCOPE_STOP]);
      ask.mockResolvedValue('');
      element
        .querySelector<HTMLButtonElement>('button[aria-label="Clear the switch of gmail.send"]')!
        .click();
      const request = await vi.waitFor(() =>
        http.expectOne(`${SCOPES}/${encodeURIComponent(GMAIL_SEND)}`),
      );
      expect(request.request.method).toBe('DELETE');
      expect(ask.mock.calls[0][0]).toMatchObject({ confirmLabel: 'Clear', requireReason: false });
    });
  });
});
