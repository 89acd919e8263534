import type { ThrottlerStorage } from '@nestjs/throttler';
import type { DataSource } from 'typeorm';

/** Not exported by @nestjs/throttler's index. */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface BucketRow {
  hits: number;
  seconds_left: number;
}

// A fresh fixed window once the old one has ended, otherwise one more hit.
const UPSERT = `ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN b.window_ends_at <= now() THEN 1 ELSE b.hits + 1 END,
         window_ends_at = CASE WHEN b.window_ends_at <= now()
                               THEN EXCLUDED.window_ends_at ELSE b.window_ends_at END
       RETURNING b.hits, greatest(1, ceil(extract(epoch FROM b.window_ends_at - now())))::int
                 AS seconds_left`;

function recordOf({ hits, seconds_left: secondsLeft }: BucketRow, limit: number) {
  const isBlocked = hits > limit;
  return {
    totalHits: hits,
    timeToExpire: secondsLeft,
    isBlocked,
    timeToBlockExpire: isBlocked ? secondsLeft : 0,
  };
}

/**
 * Rate-limit counters in PostgreSQL, so that every api instance counts against the same bucket
 * (in-memory counters let N instances allow N times the limit). One statement per request: the
 * upsert starts a fresh fixed window once the old one has ended, otherwise adds the hit. A client
 * over its limit waits for its window to end (the block lasts the rest of the window; every
 * limit here blocks for its own window, @nestjs/throttler's default).
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly dataSource: DataSource) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const rows: BucketRow[] = await this.dataSource.query(
      `INSERT INTO rate_limit_buckets AS b (key, hits, window_ends_at)
         VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000))
       ${UPSERT}`,
      [key, ttl],
    );
    return recordOf(rows[0], limit);
  }

  /**
   * Counts a hit in `outer` and, only when that leaves `outer` within its limit, in `inner`: the
   * two upserts of {@link increment} in one statement (one round trip, one commit). `inner` is
   * null when it was not counted. Both windows last `ttl`.
   */
  async incrementNested(
    outer: { readonly key: string; readonly limit: number },
    inner: { readonly key: string; readonly limit: number },
    ttl: number,
  ): Promise<[ThrottlerStorageRecord, ThrottlerStorageRecord | null]> {
    const rows: Array<BucketRow & { bucket: 'outer' | 'inner' }> = await this.dataSource.query(
      `WITH outer_bucket AS (
         INSERT INTO rate_limit_buckets AS b (key, hits, window_ends_at)
           VALUES ($1, 1, now() + make_interval(secs => $3::float8 / 1000))
         ${UPSERT}
       ), inner_bucket AS (
         INSERT INTO rate_limit_buckets AS b (key, hits, window_ends_at)
           SELECT $2, 1, now() + make_interval(secs => $3::float8 / 1000)
             FROM outer_bucket WHERE outer_bucket.hits <= $4
         ${UPSERT}
       )
       SELECT 'outer' AS bucket, * FROM outer_bucket
       UNION ALL SELECT 'inner' AS bucket, * FROM inner_bucket`,
      [outer.key, inner.key, ttl, outer.limit],
    );
    const innerRow = rows.find((row) => row.bucket === 'inner');
    return [
      recordOf(
        rows.find((row) => row.bucket === 'outer')!,
        outer.limit,
      ),
      innerRow ? recordOf(innerRow, inner.limit) : null,
    ];
  }

  /** Deletes ended windows (the purge job); returns how many. */
  async purgeEnded(): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM rate_limit_buckets WHERE window_ends_at < now()`,
    );
    return count;
  }
}
