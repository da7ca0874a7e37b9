import { createHash } from 'node:crypto';
import type { EventLog } from '../events/event-log';
import type { LogEntry } from '../events/topics';
import type { PrivacyNumberRepository } from '../numbers/privacy-number.repository';
import type { SmsDecisionName, SmsRow } from '../sms/sms.record';
import { toSmsPayload } from '../sms/sms.record';
import type { SmsRepository } from '../sms/sms.repository';
import type { Db, Queryable } from '../store/db';
import type { NumberStatusChange, SmsEvent } from './push';
import type { Stored } from './store-calls';

export interface MessageStoreDeps {
  db: Db;
  log: EventLog;
  sms: SmsRepository;
  numbers: PrivacyNumberRepository;
  now: () => Date;
}

/**
 * One SMS push, inside the caller's transaction (holding the event-log lock), deduped on (smsIdentifier, mode). For a Block push `decision` is what
 * the gateway answers; a repeated Block push returns the decision stored the first time, so the platform
 * always hears the same answer.
 */
export async function storeSms(
  deps: MessageStoreDeps,
  tx: Queryable,
  app: string,
  s: SmsEvent,
  bindingId: string | null,
  decision: SmsDecisionName | null,
): Promise<Stored & { row: SmsRow }> {
  const { row, inserted } = await deps.sms.insert(
    tx,
    {
      smsIdentifier: s.smsIdentifier,
      mode: s.mode === 'Block' ? 'BLOCK' : 'NOTIFY',
      app,
      bindingId,
      privacyNumber: s.virtualNumber,
      sender: s.sender,
      receiver: s.receiver ?? null,
      decision,
      sendResult: s.sendResult ?? null,
      content: s.content ?? null,
      occurredAt: s.occurredAt,
    },
    s.raw,
  );
  if (!inserted) return { entries: [], duplicates: 1, row };
  const [entry] = await deps.log.append(tx, [
    { kind: 'sms', app, sessionId: null, bindingId: row.bindingId, privacyNumber: row.privacyNumber, payload: { sms: toSmsPayload(row) } },
  ]);
  await deps.sms.setCursor(tx, row.id, entry.cursor);
  return { entries: [entry], duplicates: 0, row };
}

/**
 * A number-status push (up to 100 changes), inside the caller's transaction. Each change is deduped on number, status,
 * cause and the push body it came in, so a retried push changes nothing while a later push that repeats a
 * status is still recorded. A number not yet in the inventory is added to the app's inventory.
 */
export async function storeNumberStatus(deps: MessageStoreDeps, tx: Queryable, app: string, changes: readonly NumberStatusChange[], rawBody: Buffer): Promise<Stored> {
  const bodyHash = createHash('sha256').update(rawBody).digest('hex');
  const at = deps.now();
  const entries: LogEntry[] = [];
  let duplicates = 0;
  for (const c of changes) {
    const key = `${c.number}|${c.status}|${c.cause ?? ''}|${bodyHash}`;
    const fresh = await tx.query('INSERT INTO number_status_pushes (dedupe_key, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING dedupe_key', [key, at]);
    if (fresh.rows.length === 0) {
      duplicates++;
      continue;
    }
    await deps.numbers.upsert(tx, app, [{ number: c.number }]);
    const record = await deps.numbers.setStatus(tx, c.number, c.status, c.cause ?? null, at);
    if (!record) continue;
    const [entry] = await deps.log.append(tx, [
      {
        kind: 'numberStatus',
        app: record.app,
        sessionId: null,
        bindingId: null,
        privacyNumber: record.number,
        payload: { number: { ...record, statusChangedAt: record.statusChangedAt?.toISOString() ?? null } },
      },
    ]);
    entries.push(entry);
  }
  return { entries, duplicates };
}
