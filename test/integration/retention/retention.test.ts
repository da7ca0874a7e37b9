import { sandboxSeed } from '../../../src/emulator/seed';
import { toPlatformTime } from '../../../src/shared/time';
import { CallEventsDocument } from '../../generated/graphql';
import { type GatewayOnEmulator, startGatewayOnEmulator } from '../../helpers/gateway';
import { createWsClient, postGraphql } from '../../helpers/graphql-client';
import { fixture, push } from '../../helpers/push';
import { subscribe } from '../../helpers/subscription';

jest.setTimeout(90_000);

const DAY = 86_400_000;
const app = sandboxSeed().apps.find((a) => a.name === 'sandbox-axb')!;

/** A fixture with its own session and the current time, so its age is the test's to choose. */
function fresh(name: string, id: string): Record<string, unknown> {
  const body = JSON.parse(JSON.stringify(fixture(name))) as Record<string, any>;
  const now = toPlatformTime(new Date());
  if (body.statusInfo) Object.assign(body.statusInfo, { sessionId: id, timestamp: now });
  for (const r of body.feeLst ?? []) Object.assign(r, { sessionId: id, icid: `icid-${id}` });
  if (body.smsEvent) Object.assign(body.smsEvent, { smsIdentifier: `sms-${id}`, smsContent: 'your code is 4711', timeStamp: new Date().toISOString() });
  return body;
}

describe('retention: stored personal data is purged in batches, and a purged cursor answers CURSOR_EXPIRED', () => {
  let gw: GatewayOnEmulator;
  beforeAll(async () => {
    gw = await startGatewayOnEmulator(sandboxSeed(), {}, {}, {}, { retention: { batchSize: 10 }, metrics: { public: true } });
  }, 120_000);
  afterAll(() => gw?.stop());

  const purger = () => gw.gateway.retention!;
  const query = async (q: string) => (await postGraphql(gw.url, q)).body;

  it('purges each kind after its own period, in batches, and counts it', async () => {
    for (let i = 0; i < 25; i++) expect((await push(gw.url, app, fresh('call-callin', `ret-${i}`))).status).toBe(200);
    expect((await push(gw.url, app, fresh('cdr-axb-answered', 'ret-0'))).status).toBe(200);
    expect((await push(gw.url, app, fresh('sms-notify-forwarded', 'ret-sms'))).status).toBe(200);

    const now = Date.now();
    expect(Object.values(await purger().runOnce(new Date(now))).every((n) => n === 0)).toBe(true);

    // Eight days on: the event log (7 days), SMS content and push bodies (7 days) are gone, the rest stays.
    const week = await purger().runOnce(new Date(now + 8 * DAY));
    expect(week).toMatchObject({ eventLog: 27, smsContent: 1, callEventBodies: 25, callRecordBodies: 1, smsBodies: 1, callEvents: 0, callRecords: 0, calls: 0, smsMessages: 0 });
    const kept = await query('{ calls(first: 50) { totalCount } smsMessages { edges { node { content sender } } } }');
    expect(kept.data).toMatchObject({ calls: { totalCount: 25 }, smsMessages: { edges: [{ node: { content: null, sender: '+8613800138000' } }] } });

    // A year on: every row is gone.
    const year = await purger().runOnce(new Date(now + 400 * DAY));
    expect(year).toMatchObject({ callEvents: 25, callRecords: 1, calls: 25, smsMessages: 1, eventLog: 0 });
    expect((await query('{ calls { totalCount } smsMessages { totalCount } }')).data).toEqual({ calls: { totalCount: 0 }, smsMessages: { totalCount: 0 } });

    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toContain('gateway_retention_purged_rows_total{kind="callEvents"} 25');
    expect(metrics).toContain('gateway_retention_purged_rows_total{kind="eventLog"} 27');
  });

  it('a subscription resuming from a purged cursor is refused with CURSOR_EXPIRED; from the purge mark it resumes', async () => {
    const ws = createWsClient(gw.url);
    try {
      const refused = subscribe(ws, CallEventsDocument, { after: '1' });
      await expect(refused.take(1, 10_000)).rejects.toThrow(/CURSOR_EXPIRED/);
      const [error] = refused.errors[0] as { extensions: { code: string; field: string; purgedThrough: string } }[];
      expect(error.extensions).toMatchObject({ code: 'CURSOR_EXPIRED', field: 'after' });
      refused.dispose();

      // The purge removed the 27 entries of the first test: from its mark on nothing is missing.
      expect(error.extensions.purgedThrough).toBe('27');
      const resumed = subscribe(ws, CallEventsDocument, { after: error.extensions.purgedThrough });
      expect((await push(gw.url, app, fresh('call-callin', 'ret-after'))).status).toBe(200);
      const [event] = await resumed.take(1);
      expect(event.callEvents.sessionId).toBe('ret-after');
      resumed.dispose();
    } finally {
      await ws.dispose();
    }
  });
});
