import { PlatformError } from '../../../src/platform';
import { refusal, startScriptedPlatform, success, type Reply, type ScriptedPlatform } from '../../helpers/scripted-platform';
import { createTestClient, TEST_APP, type TestClient } from '../../helpers/test-platform-client';

/** How answers map to results and PlatformErrors. The script answers whatever `next` holds. */
describe('platform client error mapping', () => {
  let platform: ScriptedPlatform;
  let t: TestClient;
  let next: Reply = success();

  beforeAll(async () => {
    platform = await startScriptedPlatform(() => next);
  });
  beforeEach(() => {
    platform.requests.length = 0;
    t = createTestClient(platform.baseUrl, { maxRetries: 0 });
  });
  afterEach(() => t.client.close());
  afterAll(() => platform.stop());

  async function failure(promise: Promise<unknown>): Promise<PlatformError> {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PlatformError);
    return err as PlatformError;
  }

  test.each([
    [403, '1010002', 'Invalid request. callerNum'],
    [401, '1010010', 'Invalid digest.'],
    [401, '1010013', 'Time out limit.'],
    [500, '1010001', 'Internal system error.'],
    [200, '1016002', 'The record already exists.'],
  ])('HTTP %i with resultcode %s is rejected with both codes', async (status, resultcode, resultdesc) => {
    next = refusal(status, resultcode, resultdesc);
    const err = await failure(t.client.app(TEST_APP).axb.bind({ callerNum: '+8613800000001', calleeNum: '+8613800000002' }));
    expect(err).toMatchObject({
      kind: 'rejected',
      httpStatus: status,
      resultcode,
      resultdesc,
      retryable: false,
      interfaceName: 'AXB-1 bind',
      method: 'POST',
      uri: '/rest/caas/relationnumber/partners/v1.0',
    });
  });

  test('404 without a body (wrong URI) is rejected with httpStatus 404', async () => {
    next = { kind: 'answer', status: 404, headers: { 'content-type': 'text/html' }, body: '' };
    const err = await failure(t.client.app(TEST_APP).ax.query({ origNum: '+8613800000001' }));
    expect(err).toMatchObject({ kind: 'rejected', httpStatus: 404, retryable: false });
    expect(err.resultcode).toBeUndefined();
  });

  test('a body that is not JSON is a bad response', async () => {
    next = { kind: 'answer', status: 200, headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' };
    const err = await failure(t.client.app(TEST_APP).axb.unbind({ subscriptionId: 's-1' }));
    expect(err).toMatchObject({ kind: 'bad-response', httpStatus: 200, retryable: false });
  });

  test('JSON without an envelope is a bad response', async () => {
    next = { kind: 'answer', status: 200, body: { hello: 'world' } };
    expect(await failure(t.client.app(TEST_APP).axb.query({ subscriptionId: 's-1' }))).toMatchObject({ kind: 'bad-response' });
  });

  test('a bind success without subscriptionId is a bad response, not retryable', async () => {
    next = success({ relationNum: '+8617000000001' });
    const err = await failure(t.client.app(TEST_APP).axb.bind({ callerNum: '+8613800000001', calleeNum: '+8613800000002' }));
    expect(err).toMatchObject({ kind: 'bad-response', retryable: false });
  });

  test('a JSON body labelled text/html (callStop) is read as JSON', async () => {
    next = { kind: 'answer', status: 200, headers: { 'content-type': 'text/html;charset=UTF-8' }, body: '{"resultcode":"0","resultdesc":"Success"}' };
    await expect(t.client.app(TEST_APP).calls.stop('session-1')).resolves.toBeUndefined();
    next = { kind: 'answer', status: 403, headers: { 'content-type': 'text/html;charset=UTF-8' }, body: '{"resultcode":"1020152","resultdesc":"Invalid sessionId."}' };
    expect(await failure(t.client.app(TEST_APP).calls.stop('session-1'))).toMatchObject({ kind: 'rejected', resultcode: '1020152' });
  });

  test('AXE v2: the spelling nextCusor is read as nextCursor', async () => {
    next = success({ bindList: [{ subscriptionId: 's-1', virtualNum: '+8617000000003', extendNum: '0001', bindNum: '+8613800000001' }], nextCusor: '1704103200000_1' });
    const page = await t.client.app(TEST_APP).axe.queryV2({ virtualNum: '+8617000000003' });
    expect(page.nextCursor).toBe('1704103200000_1');
    expect(page.bindList).toHaveLength(1);
    expect('nextCusor' in page).toBe(false);
  });

  test('ping: any HTTP answer counts, even 404', async () => {
    next = { kind: 'answer', status: 404, body: '' };
    await expect(t.client.ping()).resolves.toBeUndefined();
  });
});
