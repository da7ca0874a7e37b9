import fc from 'fast-check';
import { loadConfig, type AppConfig } from '../../src/config';
import { signedHeaders } from '../../src/platform/signing';
import type { Db } from '../../src/store/db';
import { canonicalHash, sha256Hex } from '../../src/webhooks/canonical';
import type { JsonValue } from '../../src/webhooks/json';
import { parsePush } from '../../src/webhooks/parse-push';
import { toRecordRow } from '../../src/calls/call.ingest';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { fixtureJson, fixtureNames } from '../unit/webhooks/push-fixtures';

/** Every push kind of test/fixtures/pushes (the response-* files are answers, not pushes). */
const PUSHES = fixtureNames().filter((n) => !n.startsWith('response-'));
/**
 * Bodies per run: about 25 s on this machine idle (4 ms a body, 8 in flight). PUSH_FUZZ_BODIES raises it for a
 * longer hunt; the seed is fixed, so a run sends the same bodies every time and a failure replays.
 */
const BODIES = Number(process.env.PUSH_FUZZ_BODIES ?? 6000);
const CONCURRENCY = 8;
const RUNS = Math.ceil(BODIES / CONCURRENCY);
/**
 * The limit is a budget per body, ten times the idle cost, so a machine with every core busy (measured at five
 * times slower) still finishes: the test fails on a mishandled body, not on a slow machine.
 */
const BUDGET_MS_PER_BODY = 40;
const START_TIMEOUT_MS = 120_000;

const nasty = fc.constantFrom<JsonValue>('\u0000', 'a\u0000b', '\ud800', '\udc00x', '\u202e+8613800000001', '__proto__', 'constructor', 'Block', '', ' ',
  '9'.repeat(40), 'x'.repeat(3000), 'y'.repeat(20_000), 99_999_999_999, 2 ** 31, -(2 ** 31) - 1, 1e308, '2024-02-31 00:00:00', '0000-00-00 00:00:00');
const value: fc.Arbitrary<JsonValue> = fc.oneof(
  { arbitrary: nasty, weight: 3 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 2 },
  { arbitrary: fc.stringMatching(/^\+[1-9]\d{7,14}$/), weight: 2 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.constantFrom<JsonValue>(null, true, false, [], {}), weight: 1 },
);
const edit = fc.record({ at: fc.nat(), op: fc.constantFrom('set', 'set', 'set', 'delete'), value });
const body = fc.record({
  fixture: fc.constantFrom(...PUSHES),
  edits: fc.array(edit, { maxLength: 3 }),
  /** A fresh session/SMS id, so most bodies are new pushes rather than duplicates of a fixture. */
  fresh: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }),
  wire: fc.constantFrom('json', 'json', 'json', 'json', 'truncated', 'bom', 'garbage'),
  sign: fc.constantFrom('good', 'good', 'good', 'good', 'good', 'none', 'wrong-secret'),
});
type Case = typeof body extends fc.Arbitrary<infer T> ? T : never;

/** Every path (objects and arrays, leaves and containers) of a JSON value. */
function paths(v: JsonValue, at: (string | number)[] = []): (string | number)[][] {
  const own = at.length ? [at] : [];
  if (Array.isArray(v)) return [...own, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v !== null && typeof v === 'object') return [...own, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return own;
}

function rawOf(c: Case): Buffer {
  const json = fixtureJson<any>(c.fixture);
  if (json.statusInfo) json.statusInfo.sessionId = `fz-${c.fresh}`;
  if (json.smsEvent) json.smsEvent.smsIdentifier = `fz-${c.fresh}`;
  // The 50-record batch is cut to 5: storing 50 CDRs per body would be most of the run's time (the full batch
  // has its own tests); the batch shape, with several records, stays.
  if (Array.isArray(json.feeLst)) json.feeLst = json.feeLst.slice(0, 5);
  for (const r of json.feeLst ?? []) r.icid = `fz-${c.fresh}-${r.icid ?? ''}`.slice(0, 200);
  for (const e of c.edits) {
    const all = paths(json);
    if (all.length === 0) break;
    const path = all[e.at % all.length];
    const parent = path.slice(0, -1).reduce((o: any, k) => o[k], json);
    const key = path[path.length - 1];
    if (e.op === 'delete' && !Array.isArray(parent)) delete parent[key];
    else parent[key] = e.value;
  }
  const text = JSON.stringify(json);
  switch (c.wire) {
    case 'truncated':
      return Buffer.from(text.slice(0, Math.max(1, text.length - 1 - (c.fresh.length % 7))));
    case 'bom':
      return Buffer.from(`\uFEFF${text}`);
    case 'garbage':
      return Buffer.concat([Buffer.from(text.slice(0, 20)), Buffer.from([0xff, 0xfe, 0x00, 0xc3])]);
    default:
      return Buffer.from(text);
  }
}

/** True when the push is on disk: as a dead letter of this body, or as what it parses to (maybe stored by an earlier equal body). */
async function kept(db: Db, app: string, raw: Buffer): Promise<boolean> {
  const dead = (hash: string) => db.query('SELECT 1 FROM dead_letters WHERE app = $1 AND body_hash = $2', [app, hash]).then((r) => r.rows.length === 1);
  if (await dead(sha256Hex(raw))) return true;
  const parsed = parsePush(raw, { receivedAt: new Date() });
  if (!parsed.ok) return false;
  const one = (sql: string, params: unknown[]) => db.query(sql, params).then((r) => r.rows.length >= 1);
  const p = parsed.push;
  switch (p.kind) {
    case 'callEvent':
      return one('SELECT 1 FROM call_events WHERE session_id = $1 AND event_type = $2 AND body_hash = $3', [p.event.sessionId, p.event.type, canonicalHash(p.event.raw)]);
    case 'sms':
      return one('SELECT 1 FROM sms_messages WHERE sms_identifier = $1 AND mode = $2', [p.sms.smsIdentifier, p.sms.mode === 'Block' ? 'BLOCK' : 'NOTIFY']);
    case 'numberStatus': {
      const hash = sha256Hex(raw);
      for (const c of p.changes) if (!(await one('SELECT 1 FROM number_status_pushes WHERE dedupe_key = $1', [`${c.number}|${c.status}|${c.cause ?? ''}|${hash}`]))) return false;
      return true;
    }
    case 'cdrBatch': {
      for (const r of p.records) {
        const stored = await one('SELECT 1 FROM call_records WHERE record_key = $1', [toRecordRow(app, r, new Date()).recordKey]);
        if (!stored && !(await dead(sha256Hex(Buffer.from(JSON.stringify({ eventType: 'fee', feeLst: [r.raw] })))))) return false;
      }
      for (const r of p.rejected) if (!(await dead(sha256Hex(Buffer.from(JSON.stringify({ eventType: 'fee', feeLst: [r.raw] })))))) return false;
      return true;
    }
  }
}

describe('fuzzed pushes through the real webhook endpoint (enforce mode)', () => {
  let gw: TestGateway;
  let app: AppConfig;
  let store!: Db;
  beforeAll(async () => {
    gw = await startTestGateway({ SANDBOX_WEBHOOK_AUTH: 'enforce' }, { wrapDb: (db) => (store = db) });
    app = loadConfig({}).apps.find((a) => a.name === 'sandbox-axb')!;
  }, START_TIMEOUT_MS);
  afterAll(() => gw.stop());

  it(`${RUNS * CONCURRENCY} mutated bodies of every kind: no 5xx, unsigned ones refused and unstored, signed ones stored or dead-lettered`, async () => {
    const tally = { sent: 0, signed: 0, status: new Map<number, number>(), uneditedKinds: new Set<string>() };
    const send = async (c: Case): Promise<void> => {
      const raw = rawOf(c);
      const headers: Record<string, string> = { 'content-type': 'application/json;charset=UTF-8' };
      if (c.sign !== 'none') Object.assign(headers, signedHeaders('aksk', app.appKey, c.sign === 'good' ? app.appSecret : 'not-the-secret'));
      const res = await fetch(`${gw.url}/webhooks/${app.name}`, { method: 'POST', headers, body: raw });
      await res.arrayBuffer();
      tally.sent++;
      tally.status.set(res.status, (tally.status.get(res.status) ?? 0) + 1);
      expect(res.status).toBeLessThan(500);
      if (c.sign !== 'good') {
        expect(res.status).toBe(401);
        // Nothing is kept from it: it could only be on disk if an equal body had come signed.
        return;
      }
      tally.signed++;
      if (res.status === 413) return;
      expect(res.status).toBe(200);
      if (!(await kept(store, app.name, raw))) throw new Error(`signed body answered 200 but neither stored nor dead-lettered: ${raw.toString('utf8').slice(0, 300)}`);
      if (c.wire === 'json' && c.edits.length === 0) tally.uneditedKinds.add(c.fixture);
    };
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: CONCURRENCY, maxLength: CONCURRENCY }), async (cases) => {
        await Promise.all(cases.map(send));
      }),
      { numRuns: RUNS, seed: Number(process.env.PUSH_FUZZ_SEED ?? 20240506), endOnFailure: true },
    );
    const unsigned = await store.query<{ n: number }>("SELECT count(*)::int AS n FROM dead_letters WHERE NOT (headers ? 'x-aksk')");
    expect(unsigned.rows[0].n).toBe(0);
    expect(tally.sent).toBe(RUNS * CONCURRENCY);
    // The run is large enough that every push kind also went through whole, unedited and signed, so the property
    // was checked against well-formed pushes of each kind, not only against broken ones.
    expect([...tally.uneditedKinds].sort()).toEqual([...PUSHES].sort());
    console.log(`push fuzz: ${tally.sent} bodies, ${tally.signed} signed; answers ${JSON.stringify(Object.fromEntries(tally.status))}`);
  }, RUNS * CONCURRENCY * BUDGET_MS_PER_BODY);
});
