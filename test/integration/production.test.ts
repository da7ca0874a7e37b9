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

  it('is ready while the store and the platform answer, and says which one failed when not', async () => {
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(200);
    await new Promise((resolve) => stub.server.close(resolve));
    const notReady = await fetch(`${gw.url}/readyz`);
    expect(notReady.status).toBe(503);
    const body = (await notReady.json()) as { status: string; checks: Record<string, string> };
    expect(body.status).toBe('not ready');
    expect(body.checks.store).toBe('ok');
    expect(body.checks.platform).toMatch(/^failed: /);
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
