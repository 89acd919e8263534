import { DatabaseQueryError } from './database.errors.js';

/** The sort key and id of the last row of a page: where the next page starts. */
export interface KeysetPosition {
  /** The sort column as PostgreSQL prints it (full microsecond precision), or null. */
  readonly key: string | null;
  readonly id: string;
}

/** One page of a keyset-paged list: the items, and the cursor of the next page (null: the last). */
export interface Page<Item> {
  readonly items: Item[];
  readonly nextCursor: string | null;
}

/** Opaque to clients: base64url of the JSON `[key, id]`. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id])).toString('base64url');
}

const SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
export const UUID_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const BIGINT_ID = /^[0-9]{1,19}$/;

/** The position a cursor names; a cursor this API did not hand out is a 400, never a 500. */
export function decodeCursor(
  cursor: string | undefined,
  idPattern: RegExp,
): KeysetPosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const [key, id] = Array.isArray(parsed) && parsed.length === 2 ? (parsed as unknown[]) : [];
    const keyOk = key === null || (typeof key === 'string' && SORT_KEY.test(key));
    if (keyOk && typeof id === 'string' && idPattern.test(id)) return { key, id };
  } catch {
    // Falls through: any undecodable cursor is the same client error.
  }
  throw new DatabaseQueryError('invalid_cursor', 'The cursor is not valid.');
}

/** A page of `limit` rows from `limit + 1` fetched: the extra row says there is a next page. */
export function pageOf<Row extends { sort_key: string | null; id: string }, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
): Page<Item> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ key: last.sort_key, id: last.id }) : null,
  };
}

/**
 * Every row of a keyset-ordered query, read `pageSize` rows at a time (an export: memory stays
 * flat however long the list). `read` returns the rows after `position` (all from the start when
 * undefined), in the list's order, at most `limit`.
 */
export async function* everyRow<Row extends { sort_key: string | null; id: string }>(
  read: (position: KeysetPosition | undefined, limit: number) => Promise<Row[]>,
  pageSize: number,
): AsyncGenerator<Row> {
  let position: KeysetPosition | undefined;
  for (;;) {
    const rows = await read(position, pageSize);
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    position = { key: last.sort_key, id: last.id };
  }
}
