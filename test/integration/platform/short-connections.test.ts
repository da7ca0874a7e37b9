import { startScriptedPlatform, success, type ScriptedPlatform } from '../../helpers/scripted-platform';
import { createTestClient, TEST_APP, type TestClient } from '../../helpers/test-platform-client';

/**
 * The platform closes every connection after answering (rest-api.md §1). The client must never try to reuse
 * one: hundreds of calls in a row and at once, zero failures, and never more than maxConcurrency in flight.
 * Run against a server that announces the close and against one that answers as if keep-alive but drops
 * the socket 2 ms after the response (a client relying on keep-alive fails there with ECONNRESET).
 */
describe.each([
  ['announces Connection: close', true, 0],
  ['looks keep-alive but closes a moment later', false, 2],
])('short connections: a platform that %s', (_label, announceClose, closeDelayMs) => {
  let platform: ScriptedPlatform;
  let t: TestClient;

  beforeAll(async () => {
    platform = await startScriptedPlatform(
      (req) =>
        req.method === 'GET' ? success({ totalCount: 0, relationNumList: [] }) : success({ relationNum: '+8617000000001', subscriptionId: 's-1' }),
      { announceClose, closeDelayMs },
    );
    // A queue long enough for the whole burst: this test is about connections, not about refusing excess calls.
    t = createTestClient(platform.baseUrl, { maxConcurrency: 8, maxQueue: 1000, maxRetries: 0 });
  });
  afterAll(async () => {
    await t.client.close();
    await platform.stop();
  });

  test('300 sequential calls, then 300 concurrent calls, all succeed without retries', async () => {
    const api = t.client.app(TEST_APP).axb;
    const call = (i: number) =>
      i % 2 === 0 ? api.query({ subscriptionId: `s-${i}` }) : api.bind({ callerNum: '+8613800000001', calleeNum: '+8613800000002' });
    const sequentialFailures: unknown[] = [];
    for (let i = 0; i < 300; i += 1) await call(i).catch((err: unknown) => sequentialFailures.push(err));
    const concurrent = await Promise.allSettled(Array.from({ length: 300 }, (_, i) => call(i)));
    expect(sequentialFailures).toEqual([]);
    expect(concurrent.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(platform.requests).toHaveLength(600);
    expect(platform.requests.every((r) => r.headers.connection === 'close')).toBe(true);
    expect(t.sleeps).toEqual([]);
    expect(platform.maxInFlight()).toBeLessThanOrEqual(8);
  });
});
