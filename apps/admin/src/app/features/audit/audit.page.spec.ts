import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from '../../api/api-types';
import { AuditPage } from './audit.page';

describe(AuditPage.name, () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  it('follows a "Load more" cursor in the order applied, not the one chosen since', async () => {
    await TestBed.inject(Router).navigate([], { queryParams: { order: 'asc', action: 'x.y' } });
    const fixture = TestBed.createComponent(AuditPage);
    fixture.detectChanges();
    const first = await vi.waitFor(() => http.expectOne((r) => r.url === '/api/admin/audit'));
    expect(first.request.params.get('order')).toBe('asc');
    first.flush({ items: [] as AuditEvent[], nextCursor: 'cursor-1' });
    await fixture.whenStable();
    fixture.detectChanges();

    // The order is changed in the form but not applied.
    const page = fixture.componentInstance as unknown as {
      form: { order: string; action: string };
    };
    page.form.order = 'desc';
    page.form.action = 'other';
    const more = (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>(
      'section > .actions button',
    )!;
    more.click();
    const next = await vi.waitFor(() => http.expectOne((r) => r.url === '/api/admin/audit'));
    expect(next.request.params.get('cursor')).toBe('cursor-1');
    expect(next.request.params.get('order')).toBe('asc');
    expect(next.request.params.get('action')).toBe('x.y');
    next.flush({ items: [], nextCursor: null });
    http.verify();
  });
});
