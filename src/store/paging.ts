import { decodeCursor, encodeCursor } from '../shared/cursor';
import type { Queryable } from './db';

/**
 * Builds a parameterized WHERE clause: `p(value)` adds a parameter and returns its placeholder, so
 * conditions are written as `` f.and(`app = ${f.p(app)}`) `` and values never enter the SQL text.
 */
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  sql(): string {
    return this.clauses.length ? ` WHERE ${this.clauses.join(' AND ')}` : '';
  }

  clone(): SqlFilter {
    const copy = new SqlFilter();
    copy.params.push(...this.params);
    copy.clauses.push(...this.clauses);
    return copy;
  }
}

export interface Page<T> {
  items: { cursor: string; node: T }[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

export interface PageQuery<R, T> {
  table: string;
  filter: SqlFilter;
  /** A unique, monotonically increasing column: the cursor is its value. */
  orderColumn: string;
  /** ASC: oldest first; DESC: newest first. */
  direction: 'ASC' | 'DESC';
  first: number;
  /** An opaque cursor from a previous page; a bad one is BAD_USER_INPUT naming `after`. */
  after: string | null;
  map: (row: R) => T;
}

/**
 * One page of a table in a stable order with opaque cursors, plus the total count of the filter. Reads
 * `first + 1` rows to know whether another page follows.
 */
export async function pageOf<R extends object, T>(db: Queryable, q: PageQuery<R, T>): Promise<Page<T>> {
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q.table}${q.filter.sql()}`, q.filter.params);
  const f = q.filter.clone();
  if (q.after !== null) f.and(`${q.orderColumn} ${q.direction === 'ASC' ? '>' : '<'} ${f.p(decodeCursor(q.after, 'after'))}`);
  const { rows } = await db.query<R>(`SELECT * FROM ${q.table}${f.sql()} ORDER BY ${q.orderColumn} ${q.direction} LIMIT ${f.p(q.first + 1)}`, f.params);
  const items = rows.slice(0, q.first).map((r) => ({ cursor: encodeCursor(Number((r as Record<string, unknown>)[q.orderColumn])), node: q.map(r) }));
  return {
    items,
    hasNextPage: rows.length > q.first,
    endCursor: items.length ? items[items.length - 1].cursor : null,
    totalCount: Number(total.rows[0].n),
  };
}

/** The Relay-style connection of a page, each node mapped to its GraphQL shape. */
export function toConnection<T, V>(page: Page<T>, map: (node: T) => V): { edges: { cursor: string; node: V }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number } {
  return {
    edges: page.items.map((e) => ({ cursor: e.cursor, node: map(e.node) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    totalCount: page.totalCount,
  };
}
