import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { AppsDocument } from '../generated/graphql';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { postGraphql } from '../helpers/graphql-client';
import { createPgTestSchema, type PgTestSchema } from '../helpers/pg-schema';
import { createTempDir } from '../helpers/temp-dir';

const METRICS_TOKEN = 'production-test-metrics-token';

/** The value of `gateway_platform_reachable` on /metrics, or null when absent. */
async function platformGauge(url: string): Promise<number | null> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  const line = text.split('\n').find((l) => l.startsWith('gateway_platform_reachable '));
  return line === undefined ? null : Number(line.split(' ')[1]);
}

/** Scrapes until the gauge shows `value` (each scrape probes once the cached answer is old), failing after `ms`. */
async function waitForGauge(url: string, value: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (let seen = await platformGauge(url); seen !== value; seen = await platformGauge(url)) {
    if (Date.now() > deadline) throw new Error(`gateway_platform_reachable stayed ${seen}, expected ${value} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Stands in for the platform's access address: any HTTP answer means "reachable". */
async function startPlatformStub(): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((_req, res) => res.writeHead(404, { connection: 'close' }).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('gateway in production mode (GATEWAY_CONFIG) on PostgreSQL', () => {
  let gw: TestGateway;
  let stub: { server: Server; baseUrl: string };
  let schema: PgTestSchema;
  let configDir: { path: string; remove(): Promise<void> };

  beforeAll(async () => {
    stub = await startPlatformStub();
    schema = await createPgTestSchema();
    configDir = await createTempDir();
    const file = join(configDir.path, 'gateway.json');
    await writeFile(
      file,
      JSON.stringify({
        platform: { baseUrl: stub.baseUrl, timeoutMs: 2000, maxRetries: 0 },
        apps: [
          { name: 'shop-axb', mode: 'AXB', appKey: 'prodKeyAxb', appSecret: 'prodSecretAxb', numbers: ['+8617100000001'] },
          { name: 'shop-axe', mode: 'AXE', appKey: 'prodKeyAxe', appSecret: 'prodSecretAxe' },
        ],
        auth: { allowAnonymous: true },
        metrics: { token: METRICS_TOKEN },
      }),
    );
    gw = await startTestGateway({ GATEWAY_CONFIG: file, DATABASE_URL: schema.url });
  });
  afterAll(async () => {
    await gw?.stop();
    await new Promise((resolve) => stub?.server.close(resolve));
    await schema?.drop();
    await configDir?.remove();
  });

  it('runs without an emulator and lists the configured apps', async () => {
    expect(gw.gateway.emulator).toBeNull();
    const { body } = await postGraphql(gw.url, AppsDocument);
    expect(body.data?.apps).toEqual([
      { name: 'shop-axb', mode: 'AXB', appKey: 'prodKeyAxb' },
      { name: 'shop-axe', mode: 'AXE', appKey: 'prodKeyAxe' },
    ]);
  });

  it('stays ready when the platform is unreachable, reporting it in /readyz and gateway_platform_reachable', async () => {
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { platform: unknown }).platform).toEqual({ reachable: true });
    expect(await platformGauge(gw.url)).toBe(1);
    await new Promise((resolve) => stub.server.close(resolve));
    // The probe keeps an answer for a second: wait for the gauge to turn, bounded.
    await waitForGauge(gw.url, 0, 10_000);
    const stillReady = await fetch(`${gw.url}/readyz`);
    const body = (await stillReady.json()) as { status: string; checks: Record<string, string>; platform: { reachable: boolean; reason?: string } };
    expect(stillReady.status).toBe(200);
    expect(body.status).toBe('ready');
    // This gateway names its own DATABASE_URL, so it runs without Redis in every mode.
    expect(body.checks).toEqual({ store: 'ok' });
    expect(body.platform.reachable).toBe(false);
    expect(body.platform.reason).toEqual(expect.any(String));
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
  });

  it('migrated the PostgreSQL schema', async () => {
    const pgClient = new pg.Client({ connectionString: schema.url });
    await pgClient.connect();
    try {
      const { rows } = await pgClient.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
      expect(rows[0].id).toBe(1);
    } finally {
      await pgClient.end();
    }
  });
});
