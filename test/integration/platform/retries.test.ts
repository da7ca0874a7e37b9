import { PlatformError } from '../../../src/platform';
import { parseTokenHeader } from '../../../src/platform/signing';
import { freePort, refusal, startScriptedPlatform, success, type Reply, type ScriptedPlatform } from '../../helpers/scripted-platform';
import { createTestClient, TEST_APP } from '../../helpers/test-platform-client';

const FLOW_CONTROL = refusal(403, '1010010', 'The flow control upper limit is reached on the platform.');
const BIND = { callerNum: '+8613800000001', calleeNum: '+8613800000002', relationNum: '+8617000000001' };
const BOUND = success({ relationNum: '+8617000000001', subscriptionId: 's-1' });

/** Retry rules: resend only what is safe, re-sign every attempt, wait as the platform asks. */
describe('platform client retries', () => {
  const started: ScriptedPlatform[] = [];
  const closers: Array<() => Promise<void>> = [];

  /** A platform answering `replies` in order (the last one repeats). */
  async function platformAnswering(...replies: Reply[]): Promise<ScriptedPlatform> {
    const p = await startScriptedPlatform((_req, i) => replies[Math.min(i, replies.length - 1)]);
    started.push(p);
    return p;
  }
  function client(baseUrl: string, overrides = {}) {
    const t = createTestClient(baseUrl, overrides);
    closers.push(() => t.client.close());
    return t;
  }
  async function failure(promise: Promise<unknown>): Promise<PlatformError> {
    const err = await promise.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    return err as PlatformError;
  }

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    for (const p of started.splice(0)) await p.stop();
  });

  test('a GET is retried after 500 and succeeds; every attempt has a fresh Nonce and Created', async () => {
    const internal = refusal(500, '1010001', 'Internal system error.');
    const p = await platformAnswering(internal, internal, success({ totalCount: 0, relationNumList: [] }));
    const t = client(p.baseUrl, { maxRetries: 2 });
    await expect(t.client.app(TEST_APP).axb.query({ subscriptionId: 's-1' })).resolves.toMatchObject({ resultcode: '0' });
    expect(p.requests).toHaveLength(3);
    const tokens = p.requests.map((r) => parseTokenHeader(r.headers['x-aksk'] as string));
    expect(new Set(tokens.map((tok) => tok.nonce)).size).toBe(3);
    expect(tokens.map((tok) => tok.created)).toEqual(['2024-01-01T10:00:00Z', '2024-01-01T10:00:01Z', '2024-01-01T10:00:02Z']);
    expect(new Set(tokens.map((tok) => tok.passwordDigest)).size).toBe(3);
    expect(t.sleeps).toEqual([100, 200]);
  });

  test('a GET gives up after maxRetries and reports retryable', async () => {
    const p = await platformAnswering(refusal(500, '1010001', 'Internal system error.'));
    const t = client(p.baseUrl, { maxRetries: 1 });
    const err = await failure(t.client.app(TEST_APP).ax.query({ subscriptionId: 's-1' }));
    expect(err).toMatchObject({ kind: 'rejected', resultcode: '1010001', retryable: true });
    expect(p.requests).toHaveLength(2);
  });

  test('a POST is not retried after 500: the platform may have bound', async () => {
    const p = await platformAnswering(refusal(500, '1010001', 'Internal system error.'), BOUND);
    const t = client(p.baseUrl);
    expect(await failure(t.client.app(TEST_APP).axb.bind(BIND))).toMatchObject({ kind: 'rejected', retryable: false });
    expect(p.requests).toHaveLength(1);
    expect(t.sleeps).toEqual([]);
  });

  test('a POST is not retried when the connection drops after the platform received it', async () => {
    const p = await platformAnswering({ kind: 'destroy' }, BOUND);
    const t = client(p.baseUrl);
    expect(await failure(t.client.app(TEST_APP).axb.bind(BIND))).toMatchObject({ kind: 'network', retryable: false });
    expect(p.requests).toHaveLength(1);
  });

  test('a POST that times out is final: kind timeout, retryable false', async () => {
    const p = await platformAnswering({ kind: 'hang' }, BOUND);
    const t = client(p.baseUrl, { timeoutMs: 250 });
    expect(await failure(t.client.app(TEST_APP).ax.bind({ origNum: '+8613800000001' }))).toMatchObject({ kind: 'timeout', retryable: false });
    expect(p.requests).toHaveLength(1);
  });

  test('a GET that times out is retried', async () => {
    const p = await platformAnswering({ kind: 'hang' }, success({ totalCount: 0, relationNumList: [] }));
    const t = client(p.baseUrl, { timeoutMs: 250 });
    await expect(t.client.app(TEST_APP).axb.query({ subscriptionId: 's-1' })).resolves.toMatchObject({ totalCount: 0 });
    expect(p.requests).toHaveLength(2);
  });

  test('a GET is retried after the connection drops', async () => {
    const p = await platformAnswering({ kind: 'destroy' }, success({ privateNumList: [] }));
    const t = client(p.baseUrl);
    await expect(t.client.app(TEST_APP).ax.query({ subscriptionId: 's-1' })).resolves.toMatchObject({ privateNumList: [] });
    expect(p.requests).toHaveLength(2);
  });

  test('a POST is retried when the connection was refused before sending', async () => {
    // Nothing listens on the port at first; the platform starts during the backoff wait.
    const port = await freePort();
    const t = client(`http://127.0.0.1:${port}`, {
      sleep: async (ms: number) => {
        t.sleeps.push(ms);
        if (started.length === 0) started.push(await startScriptedPlatform(() => BOUND, { port }));
      },
    });
    await expect(t.client.app(TEST_APP).axb.bind(BIND)).resolves.toMatchObject({ subscriptionId: 's-1' });
    expect(t.sleeps).toEqual([100]);
    expect(started[0].requests).toHaveLength(1);
  });

  test('refused on every attempt: network error, retryable (nothing was sent)', async () => {
    const port = await freePort();
    const t = client(`http://127.0.0.1:${port}`, { maxRetries: 2 });
    const err = await failure(t.client.app(TEST_APP).axb.bind(BIND));
    expect(err).toMatchObject({ kind: 'network', retryable: true });
    expect(t.sleeps).toEqual([100, 200]);
    await expect(t.client.ping()).rejects.toBeInstanceOf(PlatformError);
  });

  test('flow control: answered at once with retryAfterSeconds, not waited out, not sent again', async () => {
    const p = await platformAnswering(FLOW_CONTROL, BOUND);
    const t = client(p.baseUrl, { maxRetries: 2, flowControlWaitMs: 60_000 });
    expect(await failure(t.client.app(TEST_APP).axb.bind(BIND))).toMatchObject({ resultcode: '1010010', retryable: true, retryAfterSeconds: 60 });
    expect(t.sleeps).toEqual([]);
    expect(p.requests).toHaveLength(1);
  });

  test('flow control on a read: retryAfterSeconds rounds the wait up to whole seconds', async () => {
    const p = await platformAnswering(FLOW_CONTROL);
    const t = client(p.baseUrl, { maxRetries: 2, flowControlWaitMs: 1500 });
    expect(await failure(t.client.app(TEST_APP).axb.query({ subscriptionId: 's-1' }))).toMatchObject({ resultcode: '1010010', retryAfterSeconds: 2 });
    expect(p.requests).toHaveLength(1);
  });

  test('1010010 "Invalid digest." is not retried', async () => {
    const p = await platformAnswering(refusal(401, '1010010', 'Invalid digest.'), success({ privateNumList: [] }));
    const t = client(p.baseUrl);
    expect(await failure(t.client.app(TEST_APP).ax.query({ subscriptionId: 's-1' }))).toMatchObject({ resultcode: '1010010', retryable: false });
    expect(p.requests).toHaveLength(1);
  });

  test('1020176 (IP locked) is never retried, even for a read', async () => {
    const p = await platformAnswering(refusal(403, '1020176', 'Authentication failed, try again later'), success());
    const t = client(p.baseUrl);
    expect(await failure(t.client.app(TEST_APP).axe.query({ subscriptionId: 's-1' }))).toMatchObject({ resultcode: '1020176', retryable: false });
    expect(p.requests).toHaveLength(1);
    expect(t.sleeps).toEqual([]);
  });
});
