import { Agent } from 'undici';
import { computeDigest, parseTokenHeader } from '../../../src/platform/signing';
import { startScriptedPlatform, success, type ScriptedPlatform } from '../../helpers/scripted-platform';
import { createTestClient, TEST_APP, type TestClient } from '../../helpers/test-platform-client';

/** What each interface sends on the wire: method, URI, parameters, headers. */
describe('platform client requests', () => {
  let platform: ScriptedPlatform;
  let t: TestClient;

  beforeAll(async () => {
    platform = await startScriptedPlatform((req) => {
      if (req.method === 'POST' && req.path.endsWith('/partners/v1.0')) return success({ relationNum: '+8617000000001', subscriptionId: 's-axb' });
      if (req.method === 'POST' && req.path.endsWith('/privatenumber/v1.0'))
        return success({ origNum: '+8613800000001', privateNum: '+8617000000002', subscriptionId: 's-ax' });
      if (req.method === 'POST' && req.path.endsWith('/extendnumber/v1.0'))
        return success({ subscriptionId: 's-axe', virtualNum: '+8617000000003', extendNum: '0001', bindNum: '+8613800000001' });
      if (req.method === 'POST' && req.path.endsWith('/xyrelationnumber/v1.0')) return success({ subscriptionId: 's-axyb', relationNumber: '+8617000000004' });
      if (req.method === 'GET' && req.path.endsWith('/extendnumber/v1.0')) return success({ subscriptionId: 's-axe' });
      return success();
    });
  });
  beforeEach(() => {
    platform.requests.length = 0;
    t = createTestClient(platform.baseUrl);
  });
  afterEach(() => t.client.close());
  afterAll(() => platform.stop());

  const last = () => platform.requests[platform.requests.length - 1];

  test('every request is signed with X-AKSK and carries the JSON headers, GET included', async () => {
    await t.client.app(TEST_APP).axb.query({ subscriptionId: 's-axb' });
    const { headers } = last();
    expect(headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(headers.accept).toBe('application/json');
    expect(headers.authorization).toBe('AKSK realm="SDP",profile="UsernameToken",type="Appkey"');
    const token = parseTokenHeader(headers['x-aksk'] as string);
    expect(token.username).toBe(TEST_APP.appKey);
    expect(token.created).toBe('2024-01-01T10:00:00Z');
    expect(token.passwordDigest).toBe(computeDigest('aksk', TEST_APP.appSecret, token.nonce!, token.created!));
  });

  test('legacy WSSE scheme: Authorization WSSE and X-WSSE with the SHA256 digest', async () => {
    const wsse = createTestClient(platform.baseUrl, { authScheme: 'wsse' });
    await wsse.client.app(TEST_APP).axb.unbind({ subscriptionId: 's-axb' });
    await wsse.client.close();
    const { headers } = last();
    expect(headers.authorization).toBe('WSSE realm="SDP",profile="UsernameToken",type="Appkey"');
    expect(headers['x-aksk']).toBeUndefined();
    const token = parseTokenHeader(headers['x-wsse'] as string);
    expect(token.passwordDigest).toBe(computeDigest('wsse', TEST_APP.appSecret, token.nonce!, token.created!));
  });

  test('GET and DELETE send parameters in the query string with + as %2B, and no body', async () => {
    const api = t.client.app(TEST_APP);
    await api.axb.query({ relationNum: '+8617000000001', callerNum: '+8613800000001', pageIndex: 1, pageSize: 20 });
    expect(last()).toMatchObject({
      method: 'GET',
      path: '/rest/caas/relationnumber/partners/v1.0',
      rawQuery: 'relationNum=%2B8617000000001&callerNum=%2B8613800000001&pageIndex=1&pageSize=20',
      body: '',
    });
    await api.ax.unbind({ origNum: '+8613800000001', privateNum: '+8617000000002' });
    expect(last()).toMatchObject({
      method: 'DELETE',
      path: '/rest/provision/caas/privatenumber/v1.0',
      rawQuery: 'origNum=%2B8613800000001&privateNum=%2B8617000000002',
      body: '',
    });
    expect(last().headers['content-type']).toBe('application/json;charset=UTF-8');
  });

  test('AXB: bind POST body, modify PUT body, typed results', async () => {
    const api = t.client.app(TEST_APP).axb;
    const bound = await api.bind({ callerNum: '+8613800000001', calleeNum: '+8613800000002', areaCode: '0755', preVoice: { callerHintTone: 'a.wav' } });
    expect(bound).toMatchObject({ resultcode: '0', relationNum: '+8617000000001', subscriptionId: 's-axb' });
    expect(last()).toMatchObject({ method: 'POST', path: '/rest/caas/relationnumber/partners/v1.0', rawQuery: '' });
    expect(JSON.parse(last().body)).toEqual({ callerNum: '+8613800000001', calleeNum: '+8613800000002', areaCode: '0755', preVoice: { callerHintTone: 'a.wav' } });
    await api.modify({ subscriptionId: 's-axb', duration: 3600 });
    expect(last()).toMatchObject({ method: 'PUT', body: '{"subscriptionId":"s-axb","duration":3600}' });
    const listed = await api.query({ relationNum: '+8617000000001' });
    expect(listed).toMatchObject({ totalCount: 0, relationNumList: [] });
  });

  test('AX: bind, modify, query, set temporary callee', async () => {
    const api = t.client.app(TEST_APP).ax;
    expect(await api.bind({ origNum: '+8613800000001', privateNum: '+8617000000002' })).toMatchObject({ subscriptionId: 's-ax' });
    expect(last()).toMatchObject({ method: 'POST', path: '/rest/provision/caas/privatenumber/v1.0' });
    await api.modify({ subscriptionId: 's-ax', privateSms: 'false' });
    expect(last()).toMatchObject({ method: 'PUT', path: '/rest/provision/caas/privatenumber/v1.0' });
    expect(await api.query({ origNum: '+8613800000001' })).toMatchObject({ privateNumList: [] });
    expect(last().rawQuery).toBe('origNum=%2B8613800000001');
    await api.setTemporaryCallee({ origNum: '+8613800000001', privateNum: '+8617000000002', calleeNum: '+8613800000009' });
    expect(last()).toMatchObject({ method: 'PUT', path: '/rest/caas/privatenumber/calleenumber/v1.0' });
    expect(JSON.parse(last().body)).toEqual({ origNum: '+8613800000001', privateNum: '+8617000000002', calleeNum: '+8613800000009' });
  });

  test('AXE: bind, unbind, modify, query v1 and v2', async () => {
    const api = t.client.app(TEST_APP).axe;
    expect(await api.bind({ bindNum: '+8613800000001', virtualNum: '+8617000000003' })).toMatchObject({ extendNum: '0001' });
    await api.unbind({ virtualNum: '+8617000000003', extendNum: '0001' });
    expect(last()).toMatchObject({ method: 'DELETE', path: '/rest/caas/extendnumber/v1.0', rawQuery: 'virtualNum=%2B8617000000003&extendNum=0001' });
    await api.modify({ subscriptionId: 's-axe', bindExpiredTime: 48 });
    expect(last()).toMatchObject({ method: 'PUT', path: '/rest/caas/extendnumber/v1.0' });
    expect(await api.query({ subscriptionId: 's-axe' })).toMatchObject({ subscriptionId: 's-axe' });
    const page = await api.queryV2({ virtualNum: '+8617000000003', cursor: '0000000000000_0', limit: 10 });
    expect(last()).toMatchObject({ method: 'GET', path: '/rest/caas/extendnumber/v2.0', rawQuery: 'virtualNum=%2B8617000000003&cursor=0000000000000_0&limit=10' });
    expect(page).toMatchObject({ bindList: [] });
    expect(page.nextCursor).toBeUndefined();
  });

  test('AXYB: app_key in every URL, two-step bind, unbind YB only, query', async () => {
    const api = t.client.app(TEST_APP).axyb;
    const ax = await api.bindAX({ origNum: '+8613800000001', areaCode: '0755', duration: 7200 });
    expect(ax).toMatchObject({ subscriptionId: 's-axyb', relationNumber: '+8617000000004' });
    expect(last()).toMatchObject({ method: 'POST', path: '/rest/omp/xyrelationnumber/v1.0', rawQuery: 'app_key=fictionalAppKey0001' });
    await api.bindYB({ origNum: '+8613800000002', subscriptionId: ax.subscriptionId });
    expect(JSON.parse(last().body)).toEqual({ origNum: '+8613800000002', subscriptionId: 's-axyb' });
    await api.unbind({ subscriptionId: 's-axyb', bNum: '+8613800000002' });
    expect(last()).toMatchObject({ method: 'DELETE', rawQuery: 'app_key=fictionalAppKey0001&subscriptionId=s-axyb&bNum=%2B8613800000002' });
    expect(await api.query({ relationNum: '+8617000000004' })).toMatchObject({ xyRelationNumList: [] });
    expect(last()).toMatchObject({ method: 'GET', rawQuery: 'app_key=fictionalAppKey0001&relationNum=%2B8617000000004' });
  });

  test('callStop: POST { sessionid, signal: "call_stop" }', async () => {
    await t.client.app(TEST_APP).calls.stop('1200_366_0_20161228102743@callenabler.home1.com');
    expect(last()).toMatchObject({ method: 'POST', path: '/rest/httpsessions/callStop/v2.0' });
    expect(JSON.parse(last().body)).toEqual({ sessionid: '1200_366_0_20161228102743@callenabler.home1.com', signal: 'call_stop' });
  });

  test('app() is cached per key and pair', () => {
    expect(t.client.app(TEST_APP)).toBe(t.client.app({ ...TEST_APP }));
    expect(t.client.app(TEST_APP)).not.toBe(t.client.app({ ...TEST_APP, appSecret: 'OtherFictionalSecret' }));
  });

  test('an injected dispatcher carries the traffic and stays open after close()', async () => {
    const agent = new Agent();
    const injected = createTestClient(platform.baseUrl, { dispatcher: agent });
    await injected.client.app(TEST_APP).axb.unbind({ subscriptionId: 's-axb' });
    await injected.client.close();
    expect(agent.closed).toBe(false);
    await agent.close();
    await expect(createTestClient(platform.baseUrl, { dispatcher: agent, maxRetries: 0 }).client.ping()).rejects.toThrow();
  });
});
