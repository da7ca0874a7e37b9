import type { EventLog } from '../events/event-log';
import type { Stored } from '../shared/stored';
import type { Queryable } from '../store/db';
import type { SmsPush } from '../webhooks/push';
import type { SmsDecision } from './sms-decision';
import { toSmsMode } from './sms-mode';
import { type SmsRow, toSmsPayload } from './sms.record';
import type { SmsRepository } from './sms.repository';

export interface SmsIngestDeps {
  log: EventLog;
  sms: SmsRepository;
}

/**
 * One SMS push, inside the caller's transaction, deduped on (smsIdentifier, mode). For a Block push
 * `decision` is what the gateway answers; a repeated Block push returns the decision stored the first
 * time, so the platform always hears the same answer.
 */
export async function storeSms(deps: SmsIngestDeps, tx: Queryable, app: string, s: SmsPush, bindingId: string | null, decision: SmsDecision | null): Promise<Stored & { row: SmsRow }> {
  const { row, inserted } = await deps.sms.insert(
    tx,
    {
      smsIdentifier: s.smsIdentifier,
      mode: toSmsMode(s.mode),
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
  return { entries: [entry], duplicates: 0, row };
}
