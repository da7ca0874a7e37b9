import type { Queryable } from '../store/db';
import { type Page, pageOf, SqlFilter } from '../store/paging';
import type { DeadLetterKind, DeadLetterRecord, NewDeadLetter } from './dead-letter.record';

interface Row {
  id: string | number;
  app: string;
  kind: string;
  headers: Record<string, string>;
  raw_body: Uint8Array;
  body_hash: string;
  error: string;
  received_at: Date | string;
}

const toRecord = (r: Row): DeadLetterRecord => ({
  id: Number(r.id),
  app: r.app,
  kind: r.kind as DeadLetterKind,
  headers: r.headers,
  rawBody: Buffer.from(r.raw_body),
  bodyHash: r.body_hash,
  error: r.error,
  receivedAt: new Date(r.received_at),
});

/** Error text as the database takes it: no NUL, bounded. */
const storableError = (text: string): string => text.replace(/\u0000/g, '\\0').slice(0, 2000);

/** Reads and writes of `dead_letters`. One row per (app, body): a retried dead letter is not kept twice. */
export class DeadLetterRepository {
  /** Inserts unless this app already has a dead letter of this body; true when inserted. */
  async insert(tx: Queryable, d: NewDeadLetter): Promise<boolean> {
    const { rows } = await tx.query(
      `INSERT INTO dead_letters (app, kind, headers, raw_body, body_hash, error, received_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7) ON CONFLICT (app, body_hash) DO NOTHING RETURNING id`,
      [d.app, d.kind, JSON.stringify(d.headers), d.rawBody, d.bodyHash, storableError(d.error), d.receivedAt],
    );
    return rows.length === 1;
  }

  async get(db: Queryable, id: number): Promise<DeadLetterRecord | null> {
    const { rows } = await db.query<Row>('SELECT * FROM dead_letters WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Locks the row for a replay or discard; null when it is gone (another admin got there first). */
  async lock(tx: Queryable, id: number): Promise<DeadLetterRecord | null> {
    const { rows } = await tx.query<Row>('SELECT * FROM dead_letters WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async delete(tx: Queryable, id: number): Promise<boolean> {
    const { affectedRows } = await tx.query('DELETE FROM dead_letters WHERE id = $1', [id]);
    return affectedRows === 1;
  }

  /** Newest first; `apps` limits to those apps (null: all). */
  list(db: Queryable, apps: readonly string[] | null, first: number, after: string | null): Promise<Page<DeadLetterRecord>> {
    const filter = new SqlFilter();
    if (apps !== null) filter.and(`app = ANY(${filter.p(apps)}::text[])`);
    return pageOf<Row, DeadLetterRecord>(db, { table: 'dead_letters', filter, orderColumn: 'id', direction: 'DESC', first, after, map: toRecord });
  }
}
