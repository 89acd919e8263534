/**
 * A value recomputed at most once per `ttlMs` in this instance, shared by the callers that ask
 * meanwhile (one computation in flight, never one per request). For whole-table counts the
 * dashboard shows with the time they were taken: an accelerator only, as every cache here is
 * (docs: DESIGN.md, Scale). A failed computation is not kept.
 */
export class RecentValue<T> {
  private current: { at: number; value: Promise<{ value: T; at: Date }> } | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly compute: () => Promise<T>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<{ value: T; at: Date }> {
    const now = this.now();
    if (this.current && now - this.current.at < this.ttlMs) return this.current.value;
    const value = this.compute().then((result) => ({ value: result, at: new Date(now) }));
    const entry = { at: now, value };
    this.current = entry;
    value.catch(() => {
      if (this.current === entry) this.current = undefined;
    });
    return value;
  }
}
