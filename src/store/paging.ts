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

  /** The conditions joined by AND, or `TRUE` when there are none. */
  conditions(): string {
    return this.clauses.length ? this.clauses.join(' AND ') : 'TRUE';
  }

  sql(): string {
    return this.clauses.length ? ` WHERE ${this.conditions()}` : '';
  }

  clone(): SqlFilter {
    const copy = new SqlFilter();
    copy.params.push(...this.params);
    copy.clauses.push(...this.clauses);
    return copy;
  }
}

/**
 * One page of rows. `count` runs the `count(*)` of the whole filter only when called (a connection's
 * `totalCount` is asked for); it runs once however often it is called.
 */
export interface Page<T> {
  items: { cursor: string; node: T }[];
  hasNextPage: boolean;
  endCursor: string | null;
  count: () => Promise<number>;
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

/** `fn`, run at most once: later calls share the first call's promise. */
function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | null = null;
  return () => (result ??= fn());
}

function toPage<R extends object, T>(q: PageQuery<R, T>, rows: R[], count: () => Promise<number>): Page<T> {
  const items = rows.slice(0, q.first).map((r) => ({ cursor: encodeCursor(Number((r as Record<string, unknown>)[q.orderColumn])), node: q.map(r) }));
  return { items, hasNextPage: rows.length > q.first, endCursor: items.length ? items[items.length - 1].cursor : null, count: once(count) };
}

/** The condition "after the cursor" in the page's order, added to `f`. */
function afterCondition(q: Pick<PageQuery<never, never>, 'direction' | 'after'>, f: SqlFilter, column: string): string {
  return `${column} ${q.direction === 'ASC' ? '>' : '<'} ${f.p(decodeCursor(q.after ?? '', 'after'))}`;
}

/**
 * One page of a table in a stable order with opaque cursors: one SELECT of `first + 1` rows (the extra row
 * tells whether another page follows). The total count of the filter is a second query, run only on demand.
 */
export async function pageOf<R extends object, T>(db: Queryable, q: PageQuery<R, T>): Promise<Page<T>> {
  const f = q.filter.clone();
  if (q.after !== null) f.and(afterCondition(q, f, q.orderColumn));
  const { rows } = await db.query<R>(`SELECT * FROM ${q.table}${f.sql()} ORDER BY ${q.orderColumn} ${q.direction} LIMIT ${f.p(q.first + 1)}`, f.params);
  return toPage(q, rows, async () => {
    const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q.table}${q.filter.sql()}`, q.filter.params);
    return Number(total.rows[0].n);
  });
}

/**
 * The same page (filter, order, `first`, `after`) for many parents in one SELECT, e.g. the calls of every
 * binding of a page: `parentCondition` is the condition that ties a row of `table` (alias `t`) to one
 * parent key, given the SQL expression of that key (e.g. `` k => `t.binding_id = ${k}` ``). A LATERAL join
 * reads at most `first + 1` rows per parent through the index of the order. The counts of all parents are
 * one more query, run the first time any page's `count` is called.
 */
export async function pagesOf<R extends object, T>(
  db: Queryable,
  q: PageQuery<R, T>,
  parents: readonly string[],
  parentCondition: (key: string) => string,
): Promise<Map<string, Page<T>>> {
  const f = q.filter.clone();
  const keys = f.p(parents);
  const inner = q.filter.clone();
  // The inner filter shares the parameter list of `f`: its placeholders are those of `q.filter`, then ours.
  if (q.after !== null) inner.and(afterCondition(q, f, `t.${q.orderColumn}`));
  inner.and(parentCondition('k.key'));
  const limit = f.p(q.first + 1);
  const { rows } = await db.query<R & { page_key: string }>(
    `SELECT k.key AS page_key, x.* FROM unnest(${keys}::text[]) AS k(key)
       CROSS JOIN LATERAL (SELECT t.* FROM ${q.table} t WHERE ${inner.conditions()} ORDER BY t.${q.orderColumn} ${q.direction} LIMIT ${limit}) x`,
    f.params,
  );
  const byParent = new Map<string, R[]>(parents.map((p) => [p, []]));
  for (const r of rows) byParent.get(r.page_key)?.push(r);
  const counts = once(async () => {
    const c = q.filter.clone();
    const countKeys = c.p(parents);
    const where = q.filter.clone();
    where.and(parentCondition('k.key'));
    const { rows: n } = await db.query<{ page_key: string; n: number }>(
      `SELECT k.key AS page_key, (SELECT count(*)::int FROM ${q.table} t WHERE ${where.conditions()}) AS n FROM unnest(${countKeys}::text[]) AS k(key)`,
      c.params,
    );
    return new Map(n.map((r) => [r.page_key, Number(r.n)]));
  });
  return new Map(parents.map((p) => [p, toPage(q, byParent.get(p) ?? [], async () => (await counts()).get(p) ?? 0)]));
}
