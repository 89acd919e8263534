import { DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, type Params, Router } from '@angular/router';

/** The fields of a filter form that live in the URL: each a string, `''` or its default when unset. */
export type UrlFields = Record<string, string>;

/** The query parameters of `form`: only the fields that differ from `defaults`. */
export function queryParamsOf<F extends UrlFields>(form: F, defaults: F): Params {
  const params: Params = {};
  for (const key of Object.keys(defaults)) {
    const value = (form[key] ?? '').trim();
    if (value !== '' && value !== defaults[key]) params[key] = value;
  }
  return params;
}

/**
 * Keeps a page's filters in the URL, so they survive Back and can be shared: {@link apply}
 * navigates to the form's query (a history entry of its own), and every query the page is shown
 * with, the first one, one from Back or from a shared link, is copied into the form and loaded.
 * Call in a constructor (injection context).
 */
export class UrlQuery<F extends UrlFields> {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  constructor(
    private readonly form: F,
    private readonly defaults: F,
    private readonly load: () => unknown,
  ) {
    this.route.queryParamMap.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe((params) => {
      for (const key of Object.keys(defaults) as Array<keyof F & string>) {
        (this.form as UrlFields)[key] = params.get(key) ?? defaults[key] ?? '';
      }
      void this.load();
    });
  }

  /** Puts the form's filters in the URL; the same filters again just reload. */
  async apply(): Promise<void> {
    const params = queryParamsOf(this.form, this.defaults);
    const current = queryParamsOf(
      Object.fromEntries(
        Object.keys(this.defaults).map((key) => [
          key,
          this.route.snapshot.queryParamMap.get(key) ?? '',
        ]),
      ) as F,
      this.defaults,
    );
    if (JSON.stringify(params) === JSON.stringify(current)) {
      await this.load();
      return;
    }
    await this.router.navigate([], { relativeTo: this.route, queryParams: params });
  }
}
