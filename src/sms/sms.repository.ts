import type { Queryable } from '../store/db';
import { type Page, pageOf, SqlFilter } from '../store/paging';
import type { SmsPolicyRecord, SmsRow } from './sms.record';

/* eslint-disable @typescript-eslint/no-explicit-any */
const toRow = (r: any): SmsRow => ({
  id: Number(r.id),
  smsIdentifier: r.sms_identifier,
  mode: r.mode,
  app: r.app,
  bindingId: r.binding_id,
  privacyNumber: r.privacy_number,
  sender: r.sender,
  receiver: r.receiver,
  decision: r.decision,
  sendResult: r.send_result === null ? null : Number(r.send_result),
  content: r.content,
  occurredAt: new Date(r.occurred_at),
});
/* eslint-enable @typescript-eslint/no-explicit-any */

export class SmsRepository {
  /** Stores an SMS push unless (smsIdentifier, mode) is stored already; returns the stored row and whether it is new. */
  async insert(tx: Queryable, s: Omit<SmsRow, 'id'>, raw: unknown): Promise<{ row: SmsRow; inserted: boolean }> {
    const { rows } = await tx.query(
      `INSERT INTO sms_messages (sms_identifier, mode, app, binding_id, privacy_number, sender, receiver, decision, send_result, content, occurred_at, raw)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12::jsonb)
       ON CONFLICT (sms_identifier, mode) DO NOTHING RETURNING *`,
      [s.smsIdentifier, s.mode, s.app, s.bindingId, s.privacyNumber, s.sender, s.receiver, s.decision, s.sendResult, s.content, s.occurredAt, JSON.stringify(raw)],
    );
    if (rows[0]) return { row: toRow(rows[0]), inserted: true };
    const existing = await tx.query('SELECT * FROM sms_messages WHERE sms_identifier = $1 AND mode = $2', [s.smsIdentifier, s.mode]);
    return { row: toRow(existing.rows[0]), inserted: false };
  }

  /** Newest first. */
  list(db: Queryable, f: { bindingId?: string; privacyNumber?: string; apps?: readonly string[] }, first: number, after: string | null): Promise<Page<SmsRow>> {
    const w = new SqlFilter();
    if (f.bindingId) w.and(`binding_id = ${w.p(f.bindingId)}`);
    if (f.privacyNumber) w.and(`privacy_number = ${w.p(f.privacyNumber)}`);
    if (f.apps) w.and(`app = ANY(${w.p(f.apps)}::text[])`);
    return pageOf(db, { table: 'sms_messages', filter: w, orderColumn: 'id', direction: 'DESC', first, after, map: toRow });
  }

  async getPolicy(db: Queryable, app: string): Promise<SmsPolicyRecord | null> {
    const { rows } = await db.query<{ app: string; default_decision: SmsPolicyRecord['defaultDecision']; rules: SmsPolicyRecord['rules'] | string }>(
      'SELECT app, default_decision, rules FROM sms_policies WHERE app = $1',
      [app],
    );
    const r = rows[0];
    if (!r) return null;
    return { app: r.app, defaultDecision: r.default_decision, rules: typeof r.rules === 'string' ? JSON.parse(r.rules) : r.rules };
  }

  async setPolicy(db: Queryable, policy: SmsPolicyRecord, now: Date): Promise<void> {
    await db.query(
      `INSERT INTO sms_policies (app, default_decision, rules, updated_at) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (app) DO UPDATE SET default_decision = EXCLUDED.default_decision, rules = EXCLUDED.rules, updated_at = EXCLUDED.updated_at`,
      [policy.app, policy.defaultDecision, JSON.stringify(policy.rules), now],
    );
  }
}
