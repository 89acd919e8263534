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

/** What a user search asks: an optional term, a page size, and where the page starts. */
export interface UserSearchQuery {
  /** Part of the email or the name (case-insensitive), or the exact Google `sub`. */
  readonly q?: string;
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
const NEWEST = 'ORDER BY u.created_at DESC, u.id DESC';

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
  sort_key: string;
}

/** Users newest first, in keyset pages, optionally matching a search term. */
@Injectable()
export class UserSearchService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Newest first; `q` matches part of the email or the name, or the exact `sub`. No single
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
    const position = decodeCursor(query.cursor, UUID_ID);
    if (q === undefined) return pageOf(await this.newest(limit, position), limit, listingOf);
    if (!SUB_LIKE.test(q)) {
      const first = await this.recent(limit, position, q, FIRST_LOOK);
      if (first.length > limit) return pageOf(first, limit, listingOf);
      if (worthLookingFurther(first.length, limit)) {
        const recent = await this.recent(limit, position, q, RECENT_WINDOW);
        if (recent.length > limit) return pageOf(recent, limit, listingOf);
      }
    }
    return pageOf(await this.indexed(limit, position, q), limit, listingOf);
  }

  /** The newest users after the position. */
  private newest(limit: number, position: KeysetPosition | undefined): Promise<UserRow[]> {
    const filter = new SqlFilter();
    filter.after('u.created_at', 'u.id', 'desc', position, '::uuid');
    const page = `SELECT u.* FROM users u ${filter.where} ${NEWEST} LIMIT ${filter.param(limit + 1)}`;
    return this.rows('', page, filter);
  }

  /** The matches among the newest `window` users after the position. */
  private recent(
    limit: number,
    position: KeysetPosition | undefined,
    q: string,
    window: number,
  ): Promise<UserRow[]> {
    const filter = new SqlFilter();
    filter.after('u.created_at', 'u.id', 'desc', position, '::uuid');
    const recent = `SELECT * FROM users u ${filter.where} ${NEWEST} LIMIT ${filter.param(window)}`;
    const page = `SELECT u.* FROM (${recent}) u WHERE ${matchSql(filter, q)}
                   ${NEWEST} LIMIT ${filter.param(limit + 1)}`;
    return this.rows('', page, filter);
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
    position: KeysetPosition | undefined,
    q: string,
  ): Promise<UserRow[]> {
    const filter = new SqlFilter();
    filter.after('u.created_at', 'u.id', 'desc', position, '::uuid');
    const n = filter.param(limit + 1);
    const substring = filter.param(`%${escapeLike(q)}%`);
    const sub = filter.param(q);
    const keys = (match: string) =>
      `SELECT u.id, u.created_at FROM users u ${filter.whereAlso(match)}`;
    const newestOf = (cte: string) => `(SELECT * FROM ${cte} u ${NEWEST} LIMIT ${n})`;
    // A term with whitespace is in no email (Google's addresses have none): its trigram scan,
    // as costly as the name's for common trigrams, could only find nothing.
    const inEmails = !/\s/.test(q);
    const ctes = `WITH ${inEmails ? `by_email AS MATERIALIZED (${keys(`u.email ILIKE ${substring}`)}),` : ''}
         by_name AS MATERIALIZED (${keys(`u.name ILIKE ${substring}`)})`;
    const page = `SELECT u.* FROM (
        SELECT u.id FROM (${inEmails ? `${newestOf('by_email')} UNION` : ''} ${newestOf('by_name')}
                          UNION ${keys(`u.google_sub = ${sub}`)}) u
         ${NEWEST} LIMIT ${n}) m
      JOIN users u ON u.id = m.id`;
    return this.rows(ctes, page, filter);
  }

  /** The page's users (at most `limit + 1`, from `page`), newest first. */
  private rows(ctes: string, page: string, filter: SqlFilter): Promise<UserRow[]> {
    return this.dataSource.query<UserRow[]>(
      `${ctes}
       SELECT u.id, u.google_sub, u.email, u.name, u.role, u.created_at, u.last_sign_in_at,
              ${sortKeySql('u.created_at')} AS sort_key
         FROM (${page}) u
        ${NEWEST}`,
      filter.params,
    );
  }
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
