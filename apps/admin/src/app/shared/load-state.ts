import { signal } from '@angular/core';
import { type ApiError, apiErrorOf } from '../api/api-error';

/** A value fetched from the api, with the loading and error states every page shows. */
export class LoadState<T> {
  readonly value = signal<T | undefined>(undefined);
  readonly loading = signal(false);
  readonly error = signal<ApiError | undefined>(undefined);

  async run(load: () => Promise<T>): Promise<T | undefined> {
    this.loading.set(true);
    this.error.set(undefined);
    try {
      const value = await load();
      this.value.set(value);
      return value;
    } catch (failure) {
      this.error.set(apiErrorOf(failure));
      return undefined;
    } finally {
      this.loading.set(false);
    }
  }
}

/** A keyset-paged list: the first page replaces the rows, "load more" appends the next one. */
export class PagedList<T> {
  readonly items = signal<readonly T[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly error = signal<ApiError | undefined>(undefined);

  /**
   * How many rows, in words: the exact total once the last page is in (free: no count query),
   * else how many are shown so far.
   */
  count(one: string, many = `${one}s`): string {
    const n = this.items().length;
    const rows = `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
    return this.nextCursor() ? `${rows} shown, more to load` : `${rows} in all`;
  }

  /** No rows and no next page, as when a filter can match nothing. */
  clear(): void {
    this.items.set([]);
    this.nextCursor.set(null);
  }

  async load(
    fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
    more = false,
  ): Promise<void> {
    this.loading.set(true);
    this.error.set(undefined);
    try {
      const page = await fetchPage(more ? (this.nextCursor() ?? undefined) : undefined);
      this.items.set(more ? [...this.items(), ...page.items] : page.items);
      this.nextCursor.set(page.nextCursor);
      this.loaded.set(true);
    } catch (failure) {
      this.error.set(apiErrorOf(failure));
    } finally {
      this.loading.set(false);
    }
  }
}
