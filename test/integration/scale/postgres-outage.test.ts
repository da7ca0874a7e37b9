import { sandboxSeed } from '../../../src/emulator/seed';
import { startTestGateway, type TestGateway } from '../../helpers/gateway';
import { createPgTestSchema, type PgTestSchema } from '../../helpers/pg-schema';
import { push } from '../../helpers/push';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';
import { callIn } from './fixture';

const APP = sandboxSeed().apps.find((a) => a.mode === 'AXB')!;

/** Polls `/readyz` (bounded) until it answers `status`. */
async function readiness(url: string, status: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = (await fetch(`${url}/readyz`)).status;
    if (got === status) return;
    if (Date.now() > deadline) throw new Error(`/readyz stayed ${got}, expected ${status} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The gateway reaches PostgreSQL through a proxy this test cuts; the shared server itself is never stopped. */
describe('PostgreSQL unreachable for a while', () => {
  let schema: PgTestSchema;
  let proxy: TcpProxy;
  let gw: TestGateway;

  beforeAll(async () => {
    schema = await createPgTestSchema();
    const target = new URL(schema.url);
    proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    target.host = `127.0.0.1:${proxy.port}`;
    gw = await startTestGateway({ DATABASE_URL: target.toString() });
  });
  afterAll(async () => {
    await gw?.stop();
    await proxy?.close();
    await schema?.drop();
  });

  it('pushes answer 503 within seconds and readiness is false; both recover by themselves', async () => {
    expect((await push(gw.url, APP, callIn('pg-1@outage.example'))).status).toBe(200);
    await proxy.cut();
    const started = Date.now();
    expect((await push(gw.url, APP, callIn('pg-2@outage.example'))).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(6000);
    await readiness(gw.url, 503, 10_000);

    await proxy.restore();
    await readiness(gw.url, 200, 15_000);
    expect((await push(gw.url, APP, callIn('pg-2@outage.example'))).status).toBe(200);
  }, 60_000);

  it('a server that stops answering (connections hang): pushes still answer 503 within the query timeout, then recover', async () => {
    proxy.stall();
    const started = Date.now();
    expect((await push(gw.url, APP, callIn('pg-3@outage.example'))).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(9000);
    await readiness(gw.url, 503, 10_000);

    await proxy.restore();
    await readiness(gw.url, 200, 15_000);
    expect((await push(gw.url, APP, callIn('pg-3@outage.example'))).status).toBe(200);
  }, 60_000);
});
