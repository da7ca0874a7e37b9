import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { AppsDocument } from '../generated/graphql';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { createWsClient, postGraphql, wsRequest } from '../helpers/graphql-client';
import { TEST_SERVICES } from '../helpers/services';
import { withTimeout } from '../helpers/with-timeout';

const SANDBOX_APPS = [
  { name: 'sandbox-ax', mode: 'AX' },
  { name: 'sandbox-axb', mode: 'AXB' },
  { name: 'sandbox-axe', mode: 'AXE' },
  { name: 'sandbox-axyb', mode: 'AXYB' },
];

describe('gateway in sandbox mode', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('is alive and ready once started, with the embedded emulator as its platform', async () => {
    const health = await fetch(`${gw.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${gw.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { store: 'ok', ...(TEST_SERVICES ? { redis: 'ok' } : {}) }, platform: { reachable: true } });
    expect(ready.status).toBe(200);
    expect(gw.gateway.emulator?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers the apps query over HTTP POST with the four sandbox apps, never a secret', async () => {
    const { status, body, headers } = await postGraphql(gw.url, AppsDocument);
    expect(status).toBe(200);
    expect(headers.get('x-request-id')).toBeTruthy();
    expect(body.errors).toBeUndefined();
    expect(body.data?.apps.map(({ name, mode }) => ({ name, mode }))).toEqual(SANDBOX_APPS);
    for (const app of body.data!.apps) expect(app.appKey).toMatch(/^sandbox\w+$/);
    expect(JSON.stringify(body)).not.toMatch(/Secret/);
  });

  it('answers over HTTP GET with a preflight header, and refuses a CSRF-able GET', async () => {
    const url = `${gw.url}/graphql?query=${encodeURIComponent('{ apps { name mode } }')}`;
    const ok = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { data: { apps: unknown[] } }).data.apps).toEqual(SANDBOX_APPS);
    const refused = await fetch(url);
    expect(refused.status).toBe(400);
  });

  it('echoes a sane x-request-id', async () => {
    const res = await fetch(`${gw.url}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
  });

  it('reports validation errors with their public code', async () => {
    const { status, body } = await postGraphql(gw.url, '{ apps { secret } }');
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0].extensions).not.toHaveProperty('stacktrace');
  });

  it('refuses malformed JSON and oversized GraphQL bodies', async () => {
    const bad = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' });
    expect(bad.status).toBe(400);
    const huge = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ apps { name } } # ${'x'.repeat(1024 * 1024)}` }),
    });
    expect(huge.status).toBe(413);
  });

  describe('graphql-ws on the same path', () => {
    it('runs the apps query over a WebSocket', async () => {
      const client = createWsClient(gw.url);
      try {
        const result = await wsRequest(client, AppsDocument);
        expect(result.errors).toBeUndefined();
        expect(result.data?.apps.map((a) => a.name)).toEqual(SANDBOX_APPS.map((a) => a.name));
      } finally {
        await client.dispose();
      }
    });

    it('answers parse and validation errors with codes and keeps the socket open', async () => {
      const client = createWsClient(gw.url);
      try {
        const syntax = await wsRequest(client, '{ apps { name ');
        expect(syntax.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
        const invalid = await wsRequest(client, '{ apps { secret } }');
        expect(invalid.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        const after = await wsRequest(client, AppsDocument);
        expect(after.data?.apps).toHaveLength(4);
      } finally {
        await client.dispose();
      }
    });
  });

  describe('webhooks', () => {
    const post = (app: string, body: string | Uint8Array) =>
      fetch(`${gw.url}/webhooks/${app}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    it('answers 200 to a body that is not a push (kept as a dead letter) and to a push', async () => {
      const bad = await post('sandbox-axb', '{"eventType":"callin"}');
      expect(bad.status).toBe(200);
      const good = await post('sandbox-axb', readFileSync(join(__dirname, '../fixtures/pushes/call-callin.json')));
      expect(good.status).toBe(200);
    });

    it('answers 404 JSON for an unknown app', async () => {
      expect((await post('%E0%A4%A', '{}')).status).toBe(404);
      const res = await post('no-such-app', '{}');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toMatchObject({ error: 'NOT_FOUND' });
    });

    it('answers 413 for a body over the limit', async () => {
      const res = await post('sandbox-axb', new Uint8Array(1024 * 1024 + 1).fill(0x20));
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });
    });

    it('answers 405 for other methods', async () => {
      const res = await fetch(`${gw.url}/webhooks/sandbox-axb`);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    });
  });

  it('answers 404 JSON for unknown routes and WebSocket upgrades elsewhere', async () => {
    const res = await fetch(`${gw.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'NOT_FOUND' });
    const socket = new WebSocket(`${gw.url.replace(/^http/, 'ws')}/elsewhere`, 'graphql-transport-ws');
    const status = await withTimeout(
      new Promise<number>((resolve, reject) => {
        socket.on('error', () => undefined);
        socket.once('unexpected-response', (req, response) => {
          resolve(response.statusCode ?? 0);
          req.destroy();
        });
        socket.once('open', () => reject(new Error('upgrade accepted on a path other than /graphql')));
      }),
      5000,
      'the refused upgrade',
    );
    expect(status).toBe(404);
  });

  it('serves Prometheus metrics from its own registry', async () => {
    await postGraphql(gw.url, AppsDocument);
    const client = createWsClient(gw.url);
    await wsRequest(client, AppsDocument).finally(() => client.dispose());
    const res = await fetch(`${gw.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/gateway_http_requests_total\{route="\/graphql",method="POST",status="200"\} \d+/);
    expect(text).toMatch(/gateway_graphql_operations_total\{operation="Apps",type="query",outcome="success",transport="http"\} \d+/);
    expect(text).toMatch(/gateway_graphql_operations_total\{operation="Apps",type="query",outcome="success",transport="ws"\} \d+/);
  });
});
