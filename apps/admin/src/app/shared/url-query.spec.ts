import { Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { UrlQuery, queryParamsOf } from './url-query';

const DEFAULTS = { q: '', sort: 'created_at' };

@Component({ selector: 'gk-filtered', template: '' })
class FilteredPage {
  readonly router = inject(Router);
  readonly form = { ...DEFAULTS };
  readonly loads: Array<{ q: string; sort: string }> = [];
  readonly url = new UrlQuery(this.form, DEFAULTS, () => this.loads.push({ ...this.form }));
}

describe('queryParamsOf', () => {
  it('keeps only what differs from the defaults, trimmed', () => {
    expect(queryParamsOf({ q: ' alice ', sort: 'created_at' }, DEFAULTS)).toEqual({ q: 'alice' });
    expect(queryParamsOf({ q: '', sort: 'last_used_at' }, DEFAULTS)).toEqual({
      sort: 'last_used_at',
    });
  });
});

describe(UrlQuery.name, () => {
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'list', component: FilteredPage }])],
    });
    harness = await RouterTestingHarness.create();
  });

  it('loads the filters a shared link carries', async () => {
    const page = await harness.navigateByUrl('/list?q=alice&sort=last_used_at', FilteredPage);
    expect(page.form).toEqual({ q: 'alice', sort: 'last_used_at' });
    expect(page.loads).toEqual([{ q: 'alice', sort: 'last_used_at' }]);
  });

  it('puts applied filters in the URL and loads them; the same again only reloads', async () => {
    const page = await harness.navigateByUrl('/list', FilteredPage);
    page.form.q = 'bob';
    await page.url.apply();
    expect(page.router.url).toBe('/list?q=bob');
    expect(page.loads.at(-1)).toEqual({ q: 'bob', sort: 'created_at' });
    await page.url.apply();
    expect(page.loads).toHaveLength(3);
    expect(page.router.url).toBe('/list?q=bob');
  });

  it('goes back to the previous filters when the URL does (Back)', async () => {
    const page = await harness.navigateByUrl('/list?q=first', FilteredPage);
    page.form.q = 'second';
    await page.url.apply();
    await harness.navigateByUrl('/list?q=first');
    expect(page.form.q).toBe('first');
    expect(page.loads.at(-1)?.q).toBe('first');
  });
});
