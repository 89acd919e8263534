import { Injectable } from '@nestjs/common';
import {
  decodeCursor,
  escapeLike,
  iso,
  type KeysetPosition,
  type Page,
  pageOf,
  sortKeySql,
  SqlFilter,
  UUID_ID,
} from '@grantkeeper/database';
import { DataSource } from 'typeorm';
import type { UserRole } from './user.entity.js';

/** The columns a user list sorts by; each has a `(column, id)` index. */
export const USER_SORT_COLUMNS = ['created_at', 'last_sign_in_at'] as const;
export type UserSortColumn = (typeof USER_SORT_COLUMNS)[number];

/** What a user search asks: an optional term, an order, a page size, and where the page starts. */
export interface UserSearchQuery {
  /** Part of the email or the name (case-insensitive), or the exact Google `sub`. */
  readonly q?: string;
  /** Newest joined first unless said otherwise. */
  readonly sort?: UserSortColumn;
  readonly order?: 'asc' | 'desc';
  readonly limit: number;
  /** A cursor handed out by an earlier page; anything else is a 400 `invalid_cursor`. */
  readonly cursor?: string;
}

/** A user as a list shows them: who they are and when they came, nothing that authenticates. */
export interface UserListing {
  readonly id: string;
  readonly sub: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly role: UserRole;
  readonly createdAt: string;
  readonly lastSignInAt: string | null;
}

/** How many of the newest users a search looks through first. */
const FIRST_LOOK = 1_000;
/** How many at most, when the first look suggests the page is among them, before the indexes. */
const RECENT_WINDOW = 3_000;
/** A `q` that can only be a `sub` (digits): the unique index finds it, no walk can help. */
const SUB_LIKE = /^\d{6,}$/;

/** One list order: its column, direction, and the keyset clause and ORDER BY that follow it. */
interface UserOrder {
  readonly column: string;
  readonly direction: 'asc' | 'desc';
  readonly by: string;
}

function orderOf(query: UserSearchQuery): UserOrder {
  const column = `u.${query.sort ?? 'created_at'}`;
  const direction = query.order ?? 'desc';
  return { column, direction, by: `ORDER BY ${column} ${direction}, u.id ${direction}` };
}

/**
 * After the first look found `found` matches (fewer than a page), whether the newest
 * {@link RECENT_WINDOW} users would likely fill the page of `limit` at the same rate. A term
 * that rare is left to the indexes at once: looking further would only add to its cost. Either
 * way the page is the same; this only picks the cheaper way to it.
 */
function worthLookingFurther(found: number, limit: number): boolean {
  return found * (RECENT_WINDOW / FIRST_LOOK) > limit;
}

interface UserRow {
  id: string;
  google_sub: string;
  email: string | null;
  name: string | null;
  role: UserRole;
  created_at: Date;
  last_sign_in_at: Date | null;
  sort_key: string | null;
}

/** Users in keyset pages (newest joined first unless asked otherwise), optionally matching a term. */
@Injectable()
export class UserSearchService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * In the query's order (by joining or last sign-in, either way; newest joined first by
   * default, and "newest" below means first in that order); `q` matches part of the email or
   * the name, or the exact `sub`. No single
   * plan suits every `q` (PostgreSQL's estimates for `LIKE`/`ILIKE` are rough): a common term is
   * found fastest by walking users newest first, a rare one through the email and name indexes.
   * So a search first looks among the newest {@link FIRST_LOOK} users after the cursor, then,
   * if matches came at a rate that promises a page there, among the newest
   * {@link RECENT_WINDOW}, and otherwise collects the newest matches through the indexes. Every
   * way gives the same page: a look is the full search restricted to a prefix of the same order,
   * and is used only when it fills the page.
   */
  async search(query: UserSearchQuery): Promise<Page<UserListing>> {
    const { limit, q } = query;
    const order = orderOf(query);
    const filter = () => afterPosition(order, decodeCursor(query.cursor, UUID_ID));
    if (q === undefined) return pageOf(await this.newest(limit, order, filter()), limit, listingOf);
    if (!SUB_LIKE.test(q)) {
      const first = await this.recent(limit, order, filter(), q, FIRST_LOOK);
      if (first.length > limit) return pageOf(first, limit, listingOf);
      if (worthLookingFurther(first.length, limit)) {
        const recent = await this.recent(limit, order, filter(), q, RECENT_WINDOW);
        if (recent.length > limit) return pageOf(recent, limit, listingOf);
      }
    }
    return pageOf(await this.indexed(limit, order, filter(), q), limit, listingOf);
  }

  /** The first users in the order after the position. */
  private newest(limit: number, order: UserOrder, filter: SqlFilter): Promise<UserRow[]> {
    const page = `SELECT u.* FROM users u ${filter.where} ${order.by} LIMIT ${filter.param(limit + 1)}`;
    return this.rows('', page, order, filter);
  }

  /** The matches among the first `window` users in the order after the position. */
  private recent(
    limit: number,
    order: UserOrder,
    filter: SqlFilter,
    q: string,
    window: number,
  ): Promise<UserRow[]> {
    const recent = `SELECT * FROM users u ${filter.where} ${order.by} LIMIT ${filter.param(window)}`;
    const page = `SELECT u.* FROM (${recent}) u WHERE ${matchSql(filter, q)}
                   ${order.by} LIMIT ${filter.param(limit + 1)}`;
    return this.rows('', page, order, filter);
  }

  /**
   * Every match after the position through the indexes, one way per kind of match, each
   * materialised (so never a walk of the whole table) and cut to its own newest page before
   * they are merged: the newest page of the union is among the union of the newest pages. Only
   * ids and creation times travel: emails and names come from their trigram indexes
   * (`users_email_trgm_idx`, `users_name_trgm_idx`) and the heap, and only the page's users
   * are read in full.
   */
  private indexed(
    limit: number,
    order: UserOrder,
    filter: SqlFilter,
    q: string,
  ): Promise<UserRow[]> {
    const n = filter.param(limit + 1);
    const substring = filter.param(`%${escapeLike(q)}%`);
    const sub = filter.param(q);
    const keys = (match: string) =>
      `SELECT u.id, ${order.column} FROM users u ${filter.whereAlso(match)}`;
    const newestOf = (cte: string) => `(SELECT * FROM ${cte} u ${order.by} LIMIT ${n})`;
    // A term with whitespace is in no email (Google's addresses have none): its trigram scan,
    // as costly as the name's for common trigrams, could only find nothing.
    const inEmails = !/\s/.test(q);
    const ctes = `WITH ${inEmails ? `by_email AS MATERIALIZED (${keys(`u.email ILIKE ${substring}`)}),` : ''}
         by_name AS MATERIALIZED (${keys(`u.name ILIKE ${substring}`)})`;
    const page = `SELECT u.* FROM (
        SELECT u.id FROM (${inEmails ? `${newestOf('by_email')} UNION` : ''} ${newestOf('by_name')}
                          UNION ${keys(`u.google_sub = ${sub}`)}) u
         ${order.by} LIMIT ${n}) m
      JOIN users u ON u.id = m.id`;
    return this.rows(ctes, page, order, filter);
  }

  /** The page's users (at most `limit + 1`, from `page`), in the order. */
  private rows(
    ctes: string,
    page: string,
    order: UserOrder,
    filter: SqlFilter,
  ): Promise<UserRow[]> {
    return this.dataSource.query<UserRow[]>(
      `${ctes}
       SELECT u.id, u.google_sub, u.email, u.name, u.role, u.created_at, u.last_sign_in_at,
              ${sortKeySql(order.column)} AS sort_key
         FROM (${page}) u
        ${order.by}`,
      filter.params,
    );
  }
}

/** The keyset clause of the order: the rows after the last one of the previous page. */
function afterPosition(order: UserOrder, position: KeysetPosition | undefined): SqlFilter {
  const nullable = order.column === 'u.last_sign_in_at';
  return new SqlFilter().after(order.column, 'u.id', order.direction, position, '::uuid', nullable);
}

/** Part of the email or of the name (case-insensitive), or the exact `sub`. */
function matchSql(filter: SqlFilter, q: string): string {
  const substring = filter.param(`%${escapeLike(q)}%`);
  const sub = filter.param(q);
  return `(u.email ILIKE ${substring} OR u.name ILIKE ${substring} OR u.google_sub = ${sub})`;
}

function listingOf(row: UserRow): UserListing {
  return {
    id: row.id,
    sub: row.google_sub,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.created_at.toISOString(),
    lastSignInAt: iso(row.last_sign_in_at),
  };
}
