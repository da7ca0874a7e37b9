import { loadConfig, type AppConfig } from '../../../src/config';
import type { Db } from '../../../src/store/db';
import { CallDocument } from '../../generated/graphql';
import { startTestGateway, type TestGateway } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { fixture, push } from '../../helpers/push';

type Json = Record<string, any>;
const copy = (v: unknown): Json => JSON.parse(JSON.stringify(v)) as Json;

describe('dedupe on what the platform sent', () => {
  let gw: TestGateway;
  let app: AppConfig;
  let store!: Db;
  beforeAll(async () => {
    gw = await startTestGateway({}, { wrapDb: (db) => (store = db) });
    app = loadConfig({}).apps.find((a) => a.name === 'sandbox-axb')!;
  });
  afterAll(() => gw.stop());

  const events = async (sessionId: string) => (await postGraphql(gw.url, CallDocument, { sessionId })).body.data?.call?.events ?? [];
  const recordKeys = async (sessionId: string) =>
    (await store.query<{ record_key: string }>('SELECT record_key FROM call_records WHERE session_id = $1 ORDER BY record_key', [sessionId])).rows.map((r) => r.record_key);

  it('a call event without timestamp, sent again a moment later (fresh signature, other key order), is one event', async () => {
    const body = copy(fixture('call-callin'));
    body.statusInfo.sessionId = 'dedupe-no-time@x';
    delete body.statusInfo.timestamp;
    expect((await push(gw.url, app, body)).status).toBe(200);
    const reordered = { statusInfo: Object.fromEntries(Object.entries(body.statusInfo).reverse()), eventType: body.eventType };
    expect((await push(gw.url, app, reordered)).status).toBe(200);
    expect(await events('dedupe-no-time@x')).toHaveLength(1);
  });

  it('two real events of one type in one second (different bodies) are two events; the same body twice is one', async () => {
    const first = copy(fixture('call-axe-collect-info'));
    first.statusInfo.sessionId = 'dedupe-two@x';
    const second = copy(first);
    second.statusInfo.digitInfo = '5678';
    for (const b of [first, second, first]) expect((await push(gw.url, app, b)).status).toBe(200);
    expect((await events('dedupe-two@x')).map((e) => e.digits).sort()).toEqual(['1234', '5678']);
  });

  it('CDRs: keyed by icid when present (two legs of one session are two records), by session when absent', async () => {
    const leg = (icid: string | undefined): Json => {
      const b = copy(fixture('cdr-axb-answered'));
      b.feeLst[0].sessionId = 'dedupe-cdr@x';
      if (icid === undefined) delete b.feeLst[0].icid;
      else b.feeLst[0].icid = icid;
      return b;
    };
    for (const b of [leg('leg-1'), leg('leg-2'), leg('leg-1')]) expect((await push(gw.url, app, b)).status).toBe(200);
    expect(await recordKeys('dedupe-cdr@x')).toEqual(['icid:leg-1', 'icid:leg-2']);

    const noIcid = leg(undefined);
    noIcid.feeLst[0].sessionId = 'dedupe-cdr-no-icid@x';
    expect((await push(gw.url, app, noIcid)).status).toBe(200);
    noIcid.feeLst[0].callEndTime = '2024-05-06 01:17:03';
    expect((await push(gw.url, app, noIcid)).status).toBe(200);
    expect(await recordKeys('dedupe-cdr-no-icid@x')).toEqual(['session:dedupe-cdr-no-icid@x']);
  });
});
