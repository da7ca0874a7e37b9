import type { Queryable } from '../store/db';
import { type Page, pageOf, SqlFilter } from '../store/paging';

import type { NumberStatus } from './number-status';

/** The inventory of privacy numbers (table `privacy_numbers`): the platform has no listing API. */
export interface PrivacyNumberRecord {
  number: string;
  app: string;
  cityCode: string | null;
  status: NumberStatus;
  statusCause: string | null;
  statusChangedAt: Date | null;
  seq: number;
}

export interface NumberListFilter {
  /** Only these apps (the principal's scope, or the one a filter names); absent = every app. */
  apps?: readonly string[];
  status?: NumberStatus;
  cityCode?: string;
}

interface Row {
  number: string;
  app: string;
  city_code: string | null;
  status: NumberStatus;
  status_cause: string | null;
  status_changed_at: Date | string | null;
  seq: number | string;
}

function toRecord(r: Row): PrivacyNumberRecord {
  return {
    number: r.number,
    app: r.app,
    cityCode: r.city_code,
    status: r.status,
    statusCause: r.status_cause,
    statusChangedAt: r.status_changed_at === null ? null : new Date(r.status_changed_at),
    seq: Number(r.seq),
  };
}

export class PrivacyNumberRepository {
  /**
   * Adds numbers to an app's inventory. A number already known keeps its status; its city code is updated
   * when one is given. Returns the numbers another app already owns (nothing is changed for those).
   */
  async upsert(db: Queryable, app: string, numbers: readonly { number: string; cityCode?: string | null }[]): Promise<{ conflicts: string[] }> {
    // One row per number (a later city code wins, as if applied one after the other), taken in number order.
    const cityCodes = new Map<string, string | null>();
    for (const n of numbers) cityCodes.set(n.number, n.cityCode ?? cityCodes.get(n.number) ?? null);
    if (cityCodes.size === 0) return { conflicts: [] };
    const sorted = [...cityCodes.keys()].sort();
    const { rows } = await db.query<{ number: string }>(
      `INSERT INTO privacy_numbers (number, app, city_code, status)
       SELECT n, $2, c, 'NORMAL' FROM unnest($1::text[], $3::text[]) AS u(n, c) ORDER BY n
       ON CONFLICT (number) DO UPDATE SET city_code = COALESCE(EXCLUDED.city_code, privacy_numbers.city_code)
         WHERE privacy_numbers.app = EXCLUDED.app
       RETURNING number`,
      [sorted, app, sorted.map((n) => cityCodes.get(n) ?? null)],
    );
    const kept = new Set(rows.map((r) => r.number));
    return { conflicts: sorted.filter((n) => !kept.has(n)) };
  }

  async get(db: Queryable, number: string): Promise<PrivacyNumberRecord | null> {
    const { rows } = await db.query<Row>('SELECT * FROM privacy_numbers WHERE number = $1', [number]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async getMany(db: Queryable, numbers: readonly string[]): Promise<PrivacyNumberRecord[]> {
    if (numbers.length === 0) return [];
    const { rows } = await db.query<Row>('SELECT * FROM privacy_numbers WHERE number = ANY($1::text[]) ORDER BY seq', [numbers]);
    return rows.map(toRecord);
  }

  /** Pages in the order numbers were added. */
  list(db: Queryable, filter: NumberListFilter, first: number, after: string | null): Promise<Page<PrivacyNumberRecord>> {
    const w = new SqlFilter();
    if (filter.apps) w.and(`app = ANY(${w.p(filter.apps)}::text[])`);
    if (filter.status) w.and(`status = ${w.p(filter.status)}`);
    if (filter.cityCode) w.and(`city_code = ${w.p(filter.cityCode)}`);
    return pageOf(db, { table: 'privacy_numbers', filter: w, orderColumn: 'seq', direction: 'ASC', first, after, map: toRecord });
  }

  /**
   * The extension length of each number's app, read from any AXE binding of that app in the mirror (the
   * platform fixes it per app and has no interface that tells it). Numbers of apps without one are absent.
   */
  async extensionLengths(db: Queryable, numbers: readonly string[]): Promise<Map<string, number>> {
    if (numbers.length === 0) return new Map();
    const { rows } = await db.query<{ number: string; len: number | null }>(
      `SELECT pn.number, (SELECT length(b.extension) FROM bindings b
                           WHERE b.app = pn.app AND b.mode = 'AXE' AND b.extension IS NOT NULL LIMIT 1)::int AS len
         FROM privacy_numbers pn WHERE pn.number = ANY($1::text[])`,
      [numbers],
    );
    return new Map(rows.filter((r) => r.len !== null).map((r) => [r.number, Number(r.len)]));
  }

  /**
   * Records the status of each number (one change per number; changed at `at`), in number order; returns
   * the updated records. A number not in the inventory is left out.
   */
  async setStatuses(db: Queryable, changes: readonly { number: string; status: NumberStatus; cause: string | null }[], at: Date): Promise<PrivacyNumberRecord[]> {
    if (changes.length === 0) return [];
    const sorted = [...changes].sort((x, y) => (x.number < y.number ? -1 : x.number > y.number ? 1 : 0));
    const { rows } = await db.query<Row>(
      `UPDATE privacy_numbers SET status = u.status, status_cause = u.cause, status_changed_at = $4
       FROM unnest($1::text[], $2::text[], $3::text[]) AS u(number, status, cause)
       WHERE privacy_numbers.number = u.number
       RETURNING privacy_numbers.*`,
      [sorted.map((c) => c.number), sorted.map((c) => c.status), sorted.map((c) => c.cause), at],
    );
    return rows.map(toRecord);
  }
}
