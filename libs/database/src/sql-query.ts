import type { KeysetPosition } from './keyset-cursor.js';

/** Builds a parameterised WHERE clause: values only ever travel as `$n` parameters. */
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** Adds `$n` for the value and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a clause when `value` is given; `clause` receives the value's placeholder. */
  when<T>(value: T | undefined | null, clause: (placeholder: string) => string): this {
    if (value !== undefined && value !== null) this.clauses.push(clause(this.param(value)));
    return this;
  }

  add(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  /**
   * Rows after `position` in `ORDER BY column <order>, idColumn <order>` with PostgreSQL's
   * default null placement (ASC NULLS LAST, DESC NULLS FIRST), so one btree index on
   * `(column, id)` serves both directions. The bound on `column` alone (`<=` / `>=`) is implied
   * by the rest; said outright, it lets the index start at the position instead of filtering
   * every row before it. Only a `nullable` column has NULLs to place.
   */
  after(
    column: string,
    idColumn: string,
    order: 'asc' | 'desc',
    position: KeysetPosition | undefined,
    cast: string,
    nullable = false,
  ): this {
    if (!position) return this;
    const op = order === 'asc' ? '>' : '<';
    const id = this.param(position.id);
    if (position.key === null) {
      const rest = order === 'asc' ? 'false' : `${column} IS NOT NULL`;
      return this.add(`((${column} IS NULL AND ${idColumn} ${op} ${id}${cast}) OR ${rest})`);
    }
    const key = `${this.param(position.key)}::timestamptz`;
    const after = `${column} ${op}= ${key} AND (${column} ${op} ${key} OR ${idColumn} ${op} ${id}${cast})`;
    // Ascending, the NULLs come after every key.
    return this.add(
      order === 'asc' && nullable ? `((${after}) OR ${column} IS NULL)` : `(${after})`,
    );
  }

  get where(): string {
    return this.clauses.length === 0 ? '' : `WHERE ${this.clauses.join(' AND ')}`;
  }

  /** The WHERE clause with `clause` added for this one use (the filter itself is unchanged). */
  whereAlso(clause: string): string {
    return `WHERE ${[...this.clauses, clause].join(' AND ')}`;
  }
}

/** A timestamp as a keyset sort key: UTC ISO 8601 with PostgreSQL's full microseconds. */
export function sortKeySql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** `LIKE` patterns match the text literally: `%`, `_` and `\` are escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function iso(date: Date | string | null): string | null {
  if (date === null) return null;
  return (typeof date === 'string' ? new Date(date) : date).toISOString();
}
