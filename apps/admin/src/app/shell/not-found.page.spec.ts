import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { describe, expect, it } from 'vitest';
import { NotFoundPage } from './not-found.page';

describe(NotFoundPage.name, () => {
  it('names the address that has no page, and stays on it', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: '**', component: NotFoundPage }])],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/no-such-page?x=1', NotFoundPage);
    expect(harness.routeNativeElement?.querySelector('#not-found-message')?.textContent).toContain(
      '/admin/no-such-page?x=1',
    );
    expect(TestBed.inject(Router).url).toBe('/no-such-page?x=1');
  });
});
