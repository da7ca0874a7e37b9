import { connect } from 'node:net';
import { URI } from '../../../src/platform/wire';
import { send, type RawResponse } from '../../helpers/emulator-http';
import { startTestEmulator, type TestEmulator } from './fixture';

/** rest-api.md §1 and §10: short connections, 404s, content types, faults, flow control, request counts. */
describe('emulator transport', () => {
  let t: TestEmulator;

  beforeAll(async () => {
    t = await startTestEmulator({ auth: { lockoutThreshold: 0 } });
  });
  afterAll(() => t.emulator.stop());
  afterEach(() => {
    t.emulator.clearFaults();
    t.emulator.resetCounts();
  });

  const query = (): Promise<RawResponse> => t.client('t-axb').get(URI.axb, { subscriptionId: 'none' });

  test('unknown URI or method: 404 with an empty body', async () => {
    const unknown = await t.client('t-axb').get('/rest/unknown/v1.0');
    expect({ status: unknown.status, text: unknown.text }).toEqual({ status: 404, text: '' });
    const wrongMethod = await t.client('t-axb').send({ method: 'PATCH', path: URI.axb, body: {} });
    expect(wrongMethod.status).toBe(404);
  });

  test('every answer says Connection: close and the server closes the socket', async () => {
    const res = await query();
    expect(res.headers.connection).toBe('close');
    expect(res.headers['content-type']).toBe('application/json;charset=utf-8');
    await expect(res.serverClosed).resolves.toBe(true);
    const notFound = await send(t.emulator.baseUrl, { method: 'GET', path: '/nope' });
    expect(notFound.headers.connection).toBe('close');
  });

  test('the server closes first even when the client keeps the socket open', async () => {
    const socket = connect(Number(new URL(t.emulator.baseUrl).port), '127.0.0.1');
    const ended = new Promise<string>((resolve) => {
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('end', () => resolve(data));
    });
    socket.write('GET /nope HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    const data = await ended;
    socket.destroy();
    expect(data).toMatch(/^HTTP\/1\.1 404/);
    expect(data.toLowerCase()).toContain('connection: close');
  });

  test('callStop answers text/html with a JSON body', async () => {
    const res = await t.client('t-axyb').post(URI.callStop, { sessionid: 'unknown', signal: 'call_stop' });
    expect(res.headers['content-type']).toBe('text/html;charset=UTF-8');
    expect(res.json).toEqual({ resultcode: '1020152', resultdesc: 'Invalid sessionId.' });
  });

  test('an injected envelope answers the next N matching requests, before authentication', async () => {
    t.emulator.injectFault({ method: 'GET', uri: URI.axb, count: 2, response: { httpStatus: 500, resultcode: '1010001', resultdesc: 'Internal system error.' } });
    const first = await send(t.emulator.baseUrl, { method: 'GET', path: URI.axb });
    expect({ status: first.status, ...first.json }).toEqual({ status: 500, resultcode: '1010001', resultdesc: 'Internal system error.' });
    expect((await t.client('t-axb').post(URI.axb, {})).json?.resultcode).toBe('1010002');
    expect((await query()).status).toBe(500);
    expect((await query()).json?.resultcode).toBe('1012007');
  });

  test('drop closes the connection without an answer', async () => {
    t.emulator.injectFault({ uri: URI.axb, count: 1, response: 'drop' });
    await expect(query()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await query()).json?.resultcode).toBe('1012007');
  });

  test('delay holds the request, then handles it normally', async () => {
    t.emulator.injectFault({ count: 1, response: { delayMs: 50 } });
    const started = Date.now();
    expect((await query()).json?.resultcode).toBe('1012007');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  test('flow control: 1010010 with the configured HTTP status, as a fault or a switch', async () => {
    t.emulator.injectFault({ count: 1, response: 'flowControl' });
    const faulted = await query();
    expect({ status: faulted.status, ...faulted.json }).toEqual({
      status: 403,
      resultcode: '1010010',
      resultdesc: 'The flow control upper limit is reached on the platform.',
    });
    t.emulator.setFlowControl(true);
    expect((await query()).json?.resultcode).toBe('1010010');
    expect((await query()).json?.resultcode).toBe('1010010');
    t.emulator.setFlowControl(false);
    expect((await query()).json?.resultcode).toBe('1012007');

    const other = await startTestEmulator({ flowControlHttpStatus: 429 });
    try {
      other.emulator.setFlowControl(true);
      expect((await other.client('t-axb').get(URI.axb, { subscriptionId: 'x' })).status).toBe(429);
    } finally {
      await other.emulator.stop();
    }
  });

  test('requestCount counts by method and URI path, including refused requests', async () => {
    await query();
    await query();
    await t.client('t-axb').post(URI.axb, {});
    await t.client('t-ax').get(URI.ax, { origNum: '+8613800000001' });
    expect(t.emulator.requestCount()).toBe(4);
    expect(t.emulator.requestCount({ method: 'GET', uri: URI.axb })).toBe(2);
    expect(t.emulator.requestCount({ method: 'get' })).toBe(3);
    expect(t.emulator.requestCount({ uri: URI.axb })).toBe(3);
    t.emulator.resetCounts();
    expect(t.emulator.requestCount()).toBe(0);
  });
});

describe('emulator logging', () => {
  test('log lines never carry a full phone number', async () => {
    const { Writable } = await import('node:stream');
    const { createLogger } = await import('../../../src/shared/logger');
    let text = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((text += chunk.toString()), done()) });
    const t = await startTestEmulator({ logger: createLogger('debug', sink) });
    const x = t.numbers('t-axb')[0];
    try {
      await t.client('t-axb').post(URI.axb, { relationNum: x, callerNum: '+8613800000001', calleeNum: '+8613800000002' });
      await t.client('t-axb').get(URI.axb, { relationNum: x, callerNum: '+8613800000001' });
    } finally {
      await t.emulator.stop();
    }
    expect(text).toContain('emulator request');
    for (const n of ['+8613800000001', '+8613800000002', x]) expect(text).not.toContain(n.slice(1));
  });
});
