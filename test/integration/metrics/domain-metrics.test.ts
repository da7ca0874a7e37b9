import { loadConfig, type AppConfig } from '../../../src/config';
import { BindingDocument, CallEventsDocument, CreateAxbBindingDocument } from '../../generated/graphql';
import { data, party } from '../bindings/fixture';
import { startTestGateway, type TestGateway } from '../../helpers/gateway';
import { createWsClient, postGraphql } from '../../helpers/graphql-client';
import { scrapeMetrics, sampleValue, type Sample, waitForSample } from '../../helpers/prometheus';
import { fixture, push } from '../../helpers/push';
import { subscribe } from '../../helpers/subscription';

type Json = Record<string, any>;
const callEvent = (sessionId: string): Json => {
  const body = JSON.parse(JSON.stringify(fixture('call-callin'))) as Json;
  body.statusInfo.sessionId = sessionId;
  return body;
};
const APP = 'sandbox-axb';
const pushes = (s: Sample[], outcome: string, status: string, app = APP) => sampleValue(s, 'gateway_webhook_pushes_total', { app, outcome, status }) ?? 0;

describe('domain metrics on /metrics (sandbox, webhook auth enforced)', () => {
  let gw: TestGateway;
  let app: AppConfig;
  beforeAll(async () => {
    gw = await startTestGateway({ SANDBOX_WEBHOOK_AUTH: 'enforce' });
    app = loadConfig({}).apps.find((a) => a.name === APP)!;
  }, 60_000);
  afterAll(() => gw?.stop());

  it('counts pushes by answer: 3 stored, 1 duplicate, 1 refused unsigned; route refusals with their status; latency per push', async () => {
    for (const id of ['metrics-1@x', 'metrics-2@x', 'metrics-3@x']) expect((await push(gw.url, app, callEvent(id))).status).toBe(200);
    expect((await push(gw.url, app, callEvent('metrics-1@x'))).status).toBe(200);
    expect((await push(gw.url, app, callEvent('metrics-4@x'), { sign: false })).status).toBe(401);
    const textBody = await fetch(`${gw.url}/webhooks/${APP}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(textBody.status).toBe(415);
    expect((await push(gw.url, { ...app, name: 'no-such-app' }, callEvent('metrics-5@x'))).status).toBe(404);

    const s = await scrapeMetrics(gw.url);
    expect(sampleValue(s, 'gateway_webhook_pushes_total', { app: APP, kind: 'callEvent', outcome: 'stored', status: '200' })).toBe(3);
    expect(sampleValue(s, 'gateway_webhook_pushes_total', { app: APP, kind: 'callEvent', outcome: 'duplicate', status: '200' })).toBe(1);
    expect(pushes(s, 'rejected', '401')).toBe(1);
    expect(pushes(s, 'unsupportedMediaType', '415')).toBe(1);
    // A name from the request path is not a label value: an app that is not configured counts as "unknown".
    expect(pushes(s, 'notFound', '404', 'unknown')).toBe(1);
    expect(s.some((x) => x.labels.app === 'no-such-app')).toBe(false);
    expect(pushes(s, 'deadLettered', '200')).toBe(0);
    expect(sampleValue(s, 'gateway_webhook_push_duration_seconds_count', { app: APP, kind: 'callEvent' })).toBe(4);
    expect(sampleValue(s, 'gateway_webhook_push_duration_seconds_count', { app: APP, kind: 'unknown' })).toBe(2);
  });

  it('tracks active subscriptions and the lag of live deliveries only (a replay is not lag)', async () => {
    const ws = createWsClient(gw.url);
    const active = { name: 'gateway_subscriptions_active', labels: { kind: 'callEvents' } };
    const lagCount = async () => sampleValue(await scrapeMetrics(gw.url), 'gateway_event_delivery_lag_seconds_count', { kind: 'callEvents' }) ?? 0;
    try {
      expect(sampleValue(await scrapeMetrics(gw.url), active.name, active.labels)).toBe(0);
      const live = subscribe(ws, CallEventsDocument, { filter: { sessionId: 'metrics-live@x' } });
      const replay = subscribe(ws, CallEventsDocument, { filter: { app: APP }, after: '0' });
      expect(await replay.take(3)).toHaveLength(3);
      expect(await waitForSample(gw.url, active.name, active.labels, (v) => v === 2)).toBe(2);
      expect(await lagCount()).toBe(0);

      replay.dispose();
      expect(await waitForSample(gw.url, active.name, active.labels, (v) => v === 1)).toBe(1);

      expect((await push(gw.url, app, callEvent('metrics-live@x'))).status).toBe(200);
      expect(await live.take(1)).toHaveLength(1);
      expect(await lagCount()).toBe(1);
      const s = await scrapeMetrics(gw.url);
      const sum = sampleValue(s, 'gateway_event_delivery_lag_seconds_sum', { kind: 'callEvents' })!;
      expect(sum).toBeGreaterThanOrEqual(0);
      expect(sum).toBeLessThan(10);
      live.dispose();
      expect(await waitForSample(gw.url, active.name, active.labels, (v) => v === 0)).toBe(0);
    } finally {
      await ws.dispose();
    }
  });

  it('counts platform requests by interface and result code, with their latency', async () => {
    const before = await scrapeMetrics(gw.url);
    const queries = (s: Sample[]) => sampleValue(s, 'gateway_platform_requests_total', { operation: 'axb_4_query', result: '0' }) ?? 0;
    const created = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(961), partyB: party(962), cityCode: '0755' } })).createAXBBinding;
    expect(data(await postGraphql(gw.url, BindingDocument, { id: created.id })).binding).toMatchObject({ id: created.id });

    const after = await scrapeMetrics(gw.url);
    expect(queries(after) - queries(before)).toBe(1);
    expect(sampleValue(after, 'gateway_platform_requests_total', { operation: 'axb_1_bind', result: '0' })).toBe(1);
    expect(sampleValue(after, 'gateway_platform_request_duration_seconds_count', { operation: 'axb_4_query' })).toBe(queries(after));
    // No label value carries a number or an id.
    expect(after.some((x) => Object.values(x.labels).some((v) => v.includes(created.id) || /\+?86\d{6,}/.test(v)))).toBe(false);
  });
});
