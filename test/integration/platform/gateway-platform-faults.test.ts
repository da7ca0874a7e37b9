import type { EmulatorSeed } from '../../../src/emulator/seed';
import { BindingDocument, CreateAxbBindingDocument } from '../../generated/graphql';
import { startGatewayOnEmulator, type GatewayOnEmulator } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { withTimeout } from '../../helpers/with-timeout';
import { data, errorOf, party } from '../bindings/fixture';

const AXB_URI = '/rest/caas/relationnumber/partners/v1.0';
const SEED: EmulatorSeed = {
  apps: [{ name: 'rides', mode: 'AXB', appKey: 'fictionalAppKey0001', appSecret: 'FictionalSecret0001', numbers: [{ number: '+8617000000001', cityCode: '0755' }] }],
};

/**
 * What a GraphQL client sees when the platform hangs, breaks or is gone: a stable code, fast. Through the real
 * gateway (port 0) against the real emulator with its fault modes.
 */
describe('gateway against a slow or dead platform', () => {
  let gw: GatewayOnEmulator | null = null;
  afterEach(async () => {
    await gw?.stop();
    gw = null;
  });

  async function startWithBinding(platform: Record<string, number>): Promise<{ gw: GatewayOnEmulator; id: string }> {
    gw = await startGatewayOnEmulator(SEED, { maxRetries: 0, ...platform });
    const created = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(901), partyB: party(902), cityCode: '0755' } }));
    return { gw, id: created.createAXBBinding.id };
  }

  test('200 concurrent binding(id) against a platform that never finishes: each answers PLATFORM_UNAVAILABLE or OPERATION_TIMEOUT', async () => {
    const { gw, id } = await startWithBinding({ maxConcurrency: 4, maxQueue: 20, callDeadlineMs: 1000, timeoutMs: 60_000, breakerFailures: 0 });
    gw.emulator.injectFault({ method: 'GET', uri: AXB_URI, count: 10_000, response: 'slowBody' });
    const all = Promise.all(Array.from({ length: 200 }, () => postGraphql(gw.url, BindingDocument, { id })));
    // A bound, not a timing claim: 200 GraphQL requests take seconds on a loaded 2-core machine.
    const results = await withTimeout(all, 60_000, '200 binding(id) answers');
    const codes = results.map((r) => errorOf(r).code);
    expect(codes.filter((c) => c !== 'PLATFORM_UNAVAILABLE' && c !== 'OPERATION_TIMEOUT')).toEqual([]);
    expect(results.every((r) => errorOf(r).extensions.retryable === true)).toBe(true);
  }, 90_000);

  test('an open circuit answers PLATFORM_UNAVAILABLE, retryable, without calling the platform', async () => {
    const { gw, id } = await startWithBinding({ breakerFailures: 2, breakerHalfOpenMs: 60_000 });
    gw.emulator.injectFault({ method: 'GET', uri: AXB_URI, count: 2, response: 'garbage' });
    for (let i = 0; i < 2; i += 1) expect(errorOf(await postGraphql(gw.url, BindingDocument, { id })).code).toBe('PLATFORM_UNAVAILABLE');
    gw.emulator.resetCounts();
    const refused = errorOf(await postGraphql(gw.url, BindingDocument, { id }));
    expect(refused).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', extensions: { retryable: true } });
    expect(refused.message).toMatch(/circuit open/);
    expect(gw.emulator.requestCount()).toBe(0);
  });

  test('flow control answers RATE_LIMITED with retryAfterSeconds at once, sent once', async () => {
    const { gw, id } = await startWithBinding({ maxRetries: 2, flowControlWaitMs: 60_000 });
    gw.emulator.resetCounts();
    gw.emulator.setFlowControl(true);
    const refused = errorOf(await withTimeout(postGraphql(gw.url, BindingDocument, { id }), 5000, 'the flow-control answer'));
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', extensions: { retryable: true, retryAfterSeconds: 60, platformCode: '1010010' } });
    expect(gw.emulator.requestCount()).toBe(1);
  });

  test('stop() during hanging platform calls finishes within a few seconds', async () => {
    const { gw: started, id } = await startWithBinding({ maxConcurrency: 4, maxQueue: 50, callDeadlineMs: 120_000, timeoutMs: 120_000 });
    started.emulator.injectFault({ method: 'GET', uri: AXB_URI, count: 10_000, response: 'slowBody' });
    started.emulator.resetCounts();
    const pending = Array.from({ length: 20 }, () => postGraphql(started.url, BindingDocument, { id }).catch((e: unknown) => e));
    // Up to 20 s for the four calls to reach the platform: a bound for a hang, not a measure of speed.
    for (let i = 0; i < 2000 && started.emulator.requestCount() < 4; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started.emulator.requestCount()).toBe(4);
    gw = null;
    await withTimeout(started.stop(), 4000, 'gateway.stop() with hanging platform calls');
    await withTimeout(Promise.all(pending), 1000, 'the requests cut by stop()');
  });
});
