import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startTestGateway, type TestGateway } from '../../helpers/gateway';
import { createWsClient, postGraphql } from '../../helpers/graphql-client';
import { type ScriptedPlatform, startScriptedPlatform, success } from '../../helpers/scripted-platform';
import { createTempDir } from '../../helpers/temp-dir';
import { withTimeout } from '../../helpers/with-timeout';
import { SEED } from './fixture';

const AXB_QUERY = '/rest/caas/relationnumber/partners/v1.0';
const LOOKUP = '{ binding(id: "made-elsewhere", app: "rides-west") { id } }';

/**
 * A platform whose binding lookups never answer (everything else succeeds), and a gateway in production
 * mode on it. `arrived` resolves when the first lookup reaches the platform.
 */
async function startOnHangingPlatform(limits: Record<string, number>): Promise<{ gw: TestGateway; platform: ScriptedPlatform; arrived: () => Promise<void>; stop(): Promise<void> }> {
  let arrivals: (() => void)[] = [];
  let count = 0;
  const platform = await startScriptedPlatform((req) => {
    if (req.method === 'GET' && req.path === AXB_QUERY) {
      count += 1;
      for (const wake of arrivals) wake();
      return { kind: 'hang' };
    }
    return success();
  });
  const dir = await createTempDir('pn-limits-config-');
  const file = join(dir.path, 'gateway.json');
  const apps = SEED.apps.map((a) => ({ name: a.name, mode: a.mode, appKey: a.appKey, appSecret: a.appSecret, numbers: a.numbers }));
  await writeFile(file, JSON.stringify({ platform: { baseUrl: platform.baseUrl, maxRetries: 0, timeoutMs: 60_000 }, apps, limits, auth: { allowAnonymous: true } }));
  const gw = await startTestGateway({ GATEWAY_CONFIG: file });
  return {
    gw,
    platform,
    arrived: () => {
      const seen = count;
      const next = new Promise<void>((resolve) => arrivals.push(() => count > seen && resolve()));
      return withTimeout(next, 10_000, 'a lookup at the platform').finally(() => (arrivals = []));
    },
    stop: async () => (await gw.stop(), await platform.stop(), await dir.remove()),
  };
}

describe('operation deadline (production mode)', () => {
  let env: Awaited<ReturnType<typeof startOnHangingPlatform>>;
  beforeAll(async () => {
    env = await startOnHangingPlatform({ operationTimeoutMs: 300 });
  }, 60_000);
  afterAll(async () => {
    await env?.stop();
  });

  it('answers OPERATION_TIMEOUT once operationTimeoutMs passes and cuts the platform call', async () => {
    const started = Date.now();
    const answer = await postGraphql(env.gw.url, LOOKUP);
    expect(answer.status).toBe(504);
    expect(answer.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'OPERATION_TIMEOUT', limit: 300 } }] });
    expect(Date.now() - started).toBeLessThan(5000);
    await env.platform.waitForClosedUnanswered(1, 5000);
  });
});

describe('work stops when its client goes away (production mode)', () => {
  let env: Awaited<ReturnType<typeof startOnHangingPlatform>>;
  beforeAll(async () => {
    env = await startOnHangingPlatform({ operationTimeoutMs: 600_000 });
  }, 60_000);
  afterAll(async () => {
    await env?.stop();
  });

  it('a closed HTTP request aborts its platform call', async () => {
    const before = env.platform.closedUnanswered();
    const client = new AbortController();
    const arrived = env.arrived();
    const request = fetch(`${env.gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOOKUP }),
      signal: client.signal,
    }).catch((err: unknown) => err);
    await arrived;
    client.abort();
    await request;
    await env.platform.waitForClosedUnanswered(before + 1, 5000);
  });

  it('completing the operation over WebSocket aborts its platform call', async () => {
    const before = env.platform.closedUnanswered();
    const ws = createWsClient(env.gw.url);
    try {
      const arrived = env.arrived();
      const stop = ws.subscribe({ query: LOOKUP }, { next: () => undefined, error: () => undefined, complete: () => undefined });
      await arrived;
      stop();
      await env.platform.waitForClosedUnanswered(before + 1, 5000);
    } finally {
      await ws.dispose();
    }
  });

  it('a closed WebSocket aborts the platform calls of its operations', async () => {
    const before = env.platform.closedUnanswered();
    const ws = createWsClient(env.gw.url);
    const arrived = env.arrived();
    ws.subscribe({ query: LOOKUP }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    await arrived;
    await ws.dispose();
    await env.platform.waitForClosedUnanswered(before + 1, 5000);
  });
});
