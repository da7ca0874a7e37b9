import { loadConfig, type AppConfig } from '../../../src/config';
import { CallRecordsDocument, type CallRecordsSubscription } from '../../generated/graphql';
import { startTestGateway, type TestGateway } from '../../helpers/gateway';
import { createWsClient } from '../../helpers/graphql-client';
import { fixture, push } from '../../helpers/push';
import { subscribe } from '../../helpers/subscription';
import { wrapDb, type WrappedDb } from '../../helpers/wrap-db';

type Json = Record<string, any>;
const copy = (v: unknown): Json => JSON.parse(JSON.stringify(v)) as Json;

/** One CDR of call `session`, leg `icid`, answered at `answeredAt` (platform time, UTC+8 wall clock). */
function record(session: string, icid: string, answeredAt = '2024-05-06 01:15:47'): Json {
  const r = copy((fixture('cdr-axb-answered') as Json).feeLst[0]);
  return { ...r, sessionId: session, icid, fwdAnswerTime: answeredAt };
}
const batch = (records: Json[]): Json => ({ eventType: 'fee', feeLst: records });
const BATCHES = 16;

function callEvent(type: string, session: string, timestamp: string, extra: Json = {}): Json {
  const body = copy(fixture('call-callin'));
  return { eventType: type, statusInfo: { ...body.statusInfo, sessionId: session, timestamp, ...extra } };
}

describe('set-based ingest of CDR batches and call events', () => {
  let gw: TestGateway;
  let app: AppConfig;
  let store!: WrappedDb;
  beforeAll(async () => {
    gw = await startTestGateway({}, { wrapDb: (db) => (store = wrapDb(db)).db });
    app = loadConfig({}).apps.find((a) => a.name === 'sandbox-axb')!;
    // The first push of a process also clears expired nonces: done here, so the counts below are steady-state.
    expect((await push(gw.url, app, batch([record('warm@set', 'warm-1')]))).status).toBe(200);
  });
  afterAll(() => gw?.stop());

  const sql = <T>(text: string, params: unknown[] = []) => store.db.query<T>(text, params).then((r) => r.rows);

  it('a 50-record batch with duplicates inside it and against stored rows stores each record once, in a handful of statements', async () => {
    const stored = Array.from({ length: 10 }, (_, i) => record(`b${i % 7}@set`, `old-${i}`));
    expect((await push(gw.url, app, batch(stored))).status).toBe(200);
    // 30 new records over 7 calls, each of the first 10 again (stored), each of 10 new ones twice (in the batch).
    const fresh = Array.from({ length: 30 }, (_, i) => record(`b${i % 7}@set`, `new-${i}`));
    const big = [...fresh, ...stored, ...fresh.slice(0, 10)];
    expect(big).toHaveLength(50);
    const before = store.mark();
    expect((await push(gw.url, app, batch(big))).status).toBe(200);
    const statements = store.since(before, 'inTransaction').length;
    expect(statements).toBeLessThanOrEqual(12);

    const keys = await sql<{ record_key: string; n: number }>(
      `SELECT record_key, count(*)::int AS n FROM call_records WHERE session_id LIKE 'b_@set' GROUP BY record_key`,
    );
    expect(keys).toHaveLength(40);
    expect(keys.every((k) => k.n === 1)).toBe(true);
    const entries = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM event_log WHERE kind = 'callRecord' AND session_id LIKE 'b_@set'`);
    expect(entries[0].n).toBe(40);
    // Each stored record has its own entry of the log.
    const named = await sql<{ n: number }>(
      `SELECT count(DISTINCT r.record_key)::int AS n FROM call_records r JOIN event_log e ON e.payload->'record'->>'recordKey' = r.record_key
        WHERE r.session_id LIKE 'b_@set' AND e.kind = 'callRecord'`,
    );
    expect(named[0].n).toBe(40);
    const calls = await sql<{ state: string; has_record: boolean }>(`SELECT state, has_record FROM calls WHERE session_id LIKE 'b_@set'`);
    expect(calls).toHaveLength(7);
    expect(calls.every((c) => c.state === 'ENDED' && c.has_record)).toBe(true);

    // The same batch again: nothing new, and no entry appended.
    expect((await push(gw.url, app, batch(big))).status).toBe(200);
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM event_log WHERE kind = 'callRecord' AND session_id LIKE 'b_@set'`))[0].n).toBe(40);
  });

  it('a single call event runs in a few statements', async () => {
    const before = store.mark();
    expect((await push(gw.url, app, callEvent('callin', 'single@set', '2024-05-06 01:15:40'))).status).toBe(200);
    expect(store.since(before, 'inTransaction').length).toBeLessThanOrEqual(8);
  });

  it('events of a call out of order keep the call moving forward only; a batch holding two legs of one call settles it once', async () => {
    const s = 'order@set';
    for (const e of [
      callEvent('answer', s, '2024-05-06 01:15:47'),
      callEvent('disconnect', s, '2024-05-06 01:17:02', { stateCode: 0, stateDesc: 'normal' }),
      callEvent('alerting', s, '2024-05-06 01:15:43'),
      callEvent('callin', s, '2024-05-06 01:15:40'),
    ]) expect((await push(gw.url, app, e)).status).toBe(200);
    const [call] = await sql<{ state: string; ringing_at: Date | null; started_at: Date | null; answered_at: Date | null }>(
      'SELECT state, ringing_at, started_at, answered_at FROM calls WHERE session_id = $1',
      [s],
    );
    expect(call.state).toBe('ENDED');
    expect(call.ringing_at).not.toBeNull();
    expect(call.started_at).not.toBeNull();
    const states = await sql<{ state: string }>(`SELECT payload->'call'->>'state' AS state FROM event_log WHERE session_id = $1 ORDER BY cursor`, [s]);
    expect(states.map((r) => r.state)).toEqual(['ANSWERED', 'ENDED', 'ENDED', 'ENDED']);

    const unanswered = { ...record('legs@set', 'leg-a'), fwdAnswerTime: undefined, callEndTime: undefined, failTime: '2024-05-06 01:16:00' };
    expect((await push(gw.url, app, batch([unanswered, record('legs@set', 'leg-b')]))).status).toBe(200);
    const legs = await sql<{ state: string }>(`SELECT payload->'call'->>'state' AS state FROM event_log WHERE session_id = 'legs@set' ORDER BY cursor`);
    // Each entry carries the call as its record left it: the unanswered leg first, then the answered one.
    expect(legs.map((r) => r.state)).toEqual(['FAILED', 'ENDED']);
    expect((await sql<{ state: string }>(`SELECT state FROM calls WHERE session_id = 'legs@set'`))[0].state).toBe('ENDED');
  });

  it('a number-status push: each change once, the last change of a number is its status, each entry shows the number as its change left it', async () => {
    const number = '+8617100000091';
    const body = {
      eventType: 'numStatus',
      numInfo: [
        { number, status: '10', cause: '2' },
        { number: '+8617100000092', status: '5' },
        { number, status: '10', cause: '2' },
        { number, status: '5' },
      ],
    };
    expect((await push(gw.url, app, body)).status).toBe(200);
    expect((await push(gw.url, app, body)).status).toBe(200);
    const entries = await sql<{ status: string }>(
      `SELECT payload->'number'->>'status' AS status FROM event_log WHERE kind = 'numberStatus' AND privacy_number = $1 ORDER BY cursor`,
      [number],
    );
    expect(entries.map((e) => e.status)).toEqual(['UNAVAILABLE', 'NORMAL']);
    const [row] = await sql<{ status: string; app: string }>('SELECT status, app FROM privacy_numbers WHERE number = $1', [number]);
    expect(row).toEqual({ status: 'NORMAL', app: app.name });
  });

  it('first pushes of the same new calls racing each other: no write of a call by one push is lost to another starting from a blank call', async () => {
    const sessions = Array.from({ length: 20 }, (_, i) => `race${String(i).padStart(2, '0')}@set`);
    // A CDR batch settles every call (ENDED, with its record); a callin of each call follows it at once, most
    // while the batch's transaction is open. Whichever is stored first creates the call; the other must start
    // from what the first wrote (a callin written over the batch from a blank call would leave it INCOMING).
    const answers = await Promise.all([
      push(gw.url, app, batch(sessions.map((s) => record(s, `race-${s}`)))),
      ...sessions.map((s) => push(gw.url, app, callEvent('callin', s, '2024-05-06 01:15:40'))),
    ]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const calls = await sql<{ session_id: string; state: string; has_record: boolean; caller: string | null }>(
      `SELECT session_id, state, has_record, caller FROM calls WHERE session_id LIKE 'race__@set' ORDER BY session_id`,
    );
    expect(calls.map((c) => [c.session_id, c.state, c.has_record, c.caller !== null])).toEqual(sessions.map((s) => [s, 'ENDED', true, true]));
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM event_log WHERE session_id LIKE 'race__@set'`);
    expect(n).toBe(sessions.length * 2);
  });

  it('concurrent batches over the same calls (in opposite orders) all store, with cursors in order and without a gap', async () => {
    const sessions = Array.from({ length: 40 }, (_, i) => `c${String(i).padStart(2, '0')}@set`);
    // The calls exist first, so every batch below locks stored rows.
    expect((await push(gw.url, app, batch(sessions.map((s) => record(s, `conc-first-${s}`))))).status).toBe(200);
    const [{ head }] = await sql<{ head: number | null }>('SELECT max(cursor)::int AS head FROM event_log');
    const client = createWsClient(gw.url);
    try {
      const live = subscribe(client, CallRecordsDocument, { after: String(head ?? 0) });
      const batches = Array.from({ length: BATCHES }, (_, b) => {
        const order = b % 2 === 0 ? sessions : [...sessions].reverse();
        // Batches overlap: batch b repeats one record of batch b - 1.
        return batch([...order.map((s) => record(s, `conc-${b}-${s}`)), ...(b > 0 ? [record(order[0], `conc-${b - 1}-${order[0]}`)] : [])]);
      });
      const answers = await Promise.all(batches.map((body) => push(gw.url, app, body)));
      expect(answers.map((a) => a.status)).toEqual(batches.map(() => 200));

      const total = BATCHES * sessions.length;
      const got: CallRecordsSubscription[] = await live.take(total, 30_000);
      const cursors = got.map((g) => Number(g.callRecords.cursor));
      expect(new Set(got.map((g) => `${g.callRecords.sessionId}|${g.callRecords.recordId ?? ''}|${g.callRecords.cursor ?? ''}`)).size).toBe(total);
      expect(cursors).toEqual(cursors.map((_, i) => cursors[0] + i));
      expect(cursors[0]).toBe((head ?? 0) + 1);
      const rows = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM call_records WHERE record_key LIKE 'icid:conc-%'`);
      expect(rows[0].n).toBe(total + sessions.length);
      live.dispose();
    } finally {
      await client.dispose();
    }
  });
});
