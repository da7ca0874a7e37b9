import { createHash } from 'node:crypto';
import type { EventLog } from '../events/event-log';
import type { Stored } from '../shared/stored';
import type { Queryable } from '../store/db';
import type { NumberStatusChange } from '../webhooks/push';
import { toNumberStatusPayload } from './number-status.payload';
import type { PrivacyNumberRepository } from './privacy-number.repository';

export interface NumberStatusIngestDeps {
  log: EventLog;
  numbers: PrivacyNumberRepository;
  now: () => Date;
}

/**
 * A number-status push (up to 100 changes), inside the caller's transaction. Each change is deduped on
 * number, status, cause and the push body it came in, so a retried push changes nothing while a later push
 * that repeats a status is still recorded. A number not yet in the inventory is added to the app's
 * inventory. Set-based: one dedupe insert, one inventory upsert (which locks the numbers in order), one
 * status update (the last change of each number), one event-log append with an entry per new change, each
 * carrying the number as that change left it.
 */
export async function storeNumberStatus(deps: NumberStatusIngestDeps, tx: Queryable, app: string, changes: readonly NumberStatusChange[], rawBody: Buffer): Promise<Stored> {
  const bodyHash = createHash('sha256').update(rawBody).digest('hex');
  const at = deps.now();
  const keyed = changes.map((c) => ({ c, key: `${c.number}|${c.status}|${c.cause ?? ''}|${bodyHash}` }));
  const keys = [...new Set(keyed.map((k) => k.key))].sort();
  const { rows } = await tx.query<{ dedupe_key: string }>(
    `INSERT INTO number_status_pushes (dedupe_key, received_at) SELECT k, $2 FROM unnest($1::text[]) AS k ORDER BY k
     ON CONFLICT DO NOTHING RETURNING dedupe_key`,
    [keys, at],
  );
  const inserted = new Set(rows.map((r) => r.dedupe_key));
  // A key repeated within the push is stored once, by its first change.
  const fresh = keyed.filter((k) => inserted.delete(k.key)).map((k) => k.c);
  const duplicates = changes.length - fresh.length;
  if (fresh.length === 0) return { entries: [], duplicates };

  await deps.numbers.upsert(tx, app, fresh.map((c) => ({ number: c.number })));
  const last = new Map(fresh.map((c) => [c.number, { number: c.number, status: c.status, cause: c.cause ?? null }]));
  const records = new Map((await deps.numbers.setStatuses(tx, [...last.values()], at)).map((r) => [r.number, r]));
  const entries = await deps.log.append(
    tx,
    fresh.flatMap((c) => {
      const record = records.get(c.number);
      if (!record) return [];
      const number = toNumberStatusPayload({ ...record, status: c.status, statusCause: c.cause ?? null, statusChangedAt: at });
      return [{ kind: 'numberStatus' as const, app: record.app, sessionId: null, bindingId: null, privacyNumber: record.number, payload: { number } }];
    }),
  );
  return { entries, duplicates };
}
