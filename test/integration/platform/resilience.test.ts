import { startEmulator, type Emulator } from '../../../src/emulator/emulator';
import { sandboxSeed, type SeedApp } from '../../../src/emulator/seed';
import { PlatformError, type AppApi, type PlatformClientOptions } from '../../../src/platform';
import { createTestClient, type TestClient } from '../../helpers/test-platform-client';
import { withTimeout } from '../../helpers/with-timeout';

const AXB_URI = '/rest/caas/relationnumber/partners/v1.0';

/**
 * A slow, broken or dead platform answers fast: one deadline per call that includes the wait for a slot, a
 * bounded queue, a circuit breaker that counts only platform faults, and close() that cuts everything.
 * The emulator's fault modes play the platform; outcomes are asserted by kind, never by timing.
 */
describe('platform client under platform faults', () => {
  const seed = sandboxSeed();
  const app: SeedApp = seed.apps.find((a) => a.mode === 'AXB')!;
  let emulator: Emulator;
  const clients: TestClient[] = [];

  function client(overrides: Partial<PlatformClientOptions>): { t: TestClient; axb: AppApi['axb'] } {
    const t = createTestClient(emulator.baseUrl, { now: () => new Date(), maxRetries: 0, ...overrides });
    clients.push(t);
    return { t, axb: t.client.app({ appKey: app.appKey, appSecret: app.appSecret }).axb };
  }
  const query = (axb: AppApi['axb']) => axb.query({ relationNum: app.numbers[0].number }).then(() => 'ok' as const, (e: unknown) => e);
  const kindOf = (r: unknown): string => (r instanceof PlatformError ? r.kind : String(r));

  beforeAll(async () => {
    emulator = await startEmulator({ seed, port: 0 });
  });
  afterEach(async () => {
    for (const t of clients.splice(0)) await t.client.close();
    emulator.clearFaults();
    emulator.resetCounts();
  });
  afterAll(() => emulator.stop());

  test('200 concurrent calls against a platform that never finishes its answers all fail within the deadline', async () => {
    emulator.injectFault({ method: 'GET', uri: AXB_URI, count: 10_000, response: 'slowBody' });
    const { axb } = client({ maxConcurrency: 4, maxQueue: 20, callDeadlineMs: 800, timeoutMs: 60_000, breakerFailures: 0 });
    const results = await withTimeout(Promise.all(Array.from({ length: 200 }, () => query(axb))), 10_000, '200 calls to end');
    const kinds = results.map(kindOf);
    // 4 in flight and 20 queued run into the deadline; the other 176 are refused at once.
    expect(kinds.filter((k) => k === 'timeout')).toHaveLength(24);
    expect(kinds.filter((k) => k === 'unavailable')).toHaveLength(176);
    expect(results.every((r) => r instanceof PlatformError && r.retryable)).toBe(true);
    expect(emulator.requestCount({ method: 'GET', uri: AXB_URI })).toBe(4);
  });

  test('after breakerFailures platform faults the circuit opens: refused at once, nothing sent', async () => {
    emulator.injectFault({ method: 'GET', uri: AXB_URI, count: 3, response: 'garbage' });
    const { t, axb } = client({ breakerFailures: 3, breakerHalfOpenMs: 60_000 });
    for (let i = 0; i < 3; i += 1) expect(kindOf(await query(axb))).toBe('bad-response');
    expect(t.client.circuitState).toBe('open');
    const refused = await query(axb);
    expect(refused).toMatchObject({ kind: 'unavailable', retryable: true });
    expect((refused as PlatformError).reason).toMatch(/circuit open/);
    expect(emulator.requestCount()).toBe(3);
  });

  test('business refusals and flow control never open the circuit', async () => {
    const { t, axb } = client({ breakerFailures: 2, breakerHalfOpenMs: 60_000 });
    for (let i = 0; i < 3; i += 1) {
      expect(await axb.query({ subscriptionId: `no-such-${i}` }).catch((e: unknown) => e)).toMatchObject({ kind: 'rejected' });
    }
    emulator.setFlowControl(true);
    for (let i = 0; i < 3; i += 1) expect(await query(axb)).toMatchObject({ resultcode: '1010010', retryAfterSeconds: 60 });
    expect(t.client.circuitState).toBe('closed');
    expect(emulator.requestCount()).toBe(6);
  });

  test('half-open after breakerHalfOpenMs: one call goes through and closes the circuit', async () => {
    emulator.injectFault({ method: 'GET', uri: AXB_URI, count: 2, response: { httpStatus: 500, resultcode: '1010001', resultdesc: 'Internal system error.' } });
    const { t, axb } = client({ breakerFailures: 2, breakerHalfOpenMs: 300 });
    await query(axb);
    await query(axb);
    const openedAt = Date.now();
    expect(t.client.circuitState).toBe('open');
    let result: unknown;
    for (let i = 0; i < 100 && kindOf(result = await query(axb)) === 'unavailable'; i += 1) {
      expect(emulator.requestCount()).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The platform answers (no binding on this X yet: 1012007, a business answer, a success for the circuit).
    expect(result).toMatchObject({ kind: 'rejected', resultcode: '1012007' });
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(290);
    expect(emulator.requestCount()).toBe(3);
    expect(t.client.circuitState).toBe('closed');
  });

  test('a bind whose connection is reset after the platform bound: network, not retryable (outcome unknown)', async () => {
    emulator.injectFault({ method: 'POST', uri: AXB_URI, count: 1, response: 'resetAfterHandling' });
    const { axb } = client({ maxRetries: 2 });
    const err = await axb.bind({ callerNum: '+8613800000101', calleeNum: '+8613800000102', relationNum: app.numbers[0].number }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'network', retryable: false });
    expect(emulator.requestCount({ method: 'POST', uri: AXB_URI })).toBe(1);
    const listed = await axb.query({ relationNum: app.numbers[0].number, callerNum: '+8613800000101' });
    expect(listed.relationNumList).toHaveLength(1);
    await axb.unbind({ subscriptionId: listed.relationNumList![0].subscriptionId });
  });

  test('close() cuts calls in flight and waiting at once; later calls are refused', async () => {
    emulator.injectFault({ method: 'GET', uri: AXB_URI, count: 100, response: 'slowBody' });
    const { t, axb } = client({ maxConcurrency: 2, maxQueue: 10, callDeadlineMs: 60_000, timeoutMs: 60_000 });
    const pending = Array.from({ length: 8 }, () => query(axb));
    await waitFor(() => emulator.requestCount() === 2, 5000);
    await t.client.close();
    const results = await withTimeout(Promise.all(pending), 2000, 'calls cut by close()');
    expect(results.map(kindOf)).toEqual(Array(8).fill('unavailable'));
    expect(await query(axb)).toMatchObject({ kind: 'unavailable', retryable: true });
  });
});

/** Polls `condition` every 10 ms until it holds, failing after `ms`. */
async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
