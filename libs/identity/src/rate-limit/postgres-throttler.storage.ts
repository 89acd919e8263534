import type { ThrottlerStorage } from '@nestjs/throttler';
import type { DataSource } from 'typeorm';

/** Not exported by @nestjs/throttler's index. */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

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
    const rows: { hits: number; seconds_left: number }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_buckets AS b (key, hits, window_ends_at)
         VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN b.window_ends_at <= now() THEN 1 ELSE b.hits + 1 END,
         window_ends_at = CASE WHEN b.window_ends_at <= now()
                               THEN EXCLUDED.window_ends_at ELSE b.window_ends_at END
       RETURNING b.hits, greatest(1, ceil(extract(epoch FROM b.window_ends_at - now())))::int
                 AS seconds_left`,
      [key, ttl],
    );
    const { hits, seconds_left: secondsLeft } = rows[0];
    const isBlocked = hits > limit;
    return {
      totalHits: hits,
      timeToExpire: secondsLeft,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsLeft : 0,
    };
  }

  /** Deletes ended windows (the purge job); returns how many. */
  async purgeEnded(): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM rate_limit_buckets WHERE window_ends_at < now()`,
    );
    return count;
  }
}
