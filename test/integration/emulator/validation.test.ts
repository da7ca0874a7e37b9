import { URI } from '../../../src/platform/wire';
import { startTestEmulator, type TestEmulator } from './fixture';

/** rest-api.md §3 and §12.3: parameter checks answer 403 1010002 naming the parameter. */
describe('emulator parameter validation', () => {
  let t: TestEmulator;
  const A = '+8613800000001';
  const B = '+8613800000002';

  beforeAll(async () => {
    t = await startTestEmulator({ auth: { lockoutThreshold: 0 } });
  });
  afterAll(() => t.emulator.stop());

  const invalid = (name: string): Record<string, unknown> => ({
    resultcode: '1010002',
    resultdesc: expect.stringMatching(new RegExp(`^Invalid request\\. ${name.replace('.', '\\.')} is invalid\\.`)),
  });

  test.each([
    ['callerNum missing', { calleeNum: B }, 'callerNum'],
    ['callerNum without country code', { callerNum: '13800000001', calleeNum: B }, 'callerNum'],
    ['calleeNum with a space', { callerNum: A, calleeNum: '+86 13800000002' }, 'calleeNum'],
    ['duration above 90 days', { callerNum: A, calleeNum: B, duration: 7_776_001 }, 'duration'],
    ['negative duration', { callerNum: A, calleeNum: B, duration: -1 }, 'duration'],
    ['maxDuration above 1440', { callerNum: A, calleeNum: B, maxDuration: 1441 }, 'maxDuration'],
    ['callDirection 3', { callerNum: A, calleeNum: B, callDirection: 3 }, 'callDirection'],
    ['areaMatchMode 2', { callerNum: A, calleeNum: B, areaCode: '0755', areaMatchMode: '2' }, 'areaMatchMode'],
    ['areaCode without leading zero', { callerNum: A, calleeNum: B, areaCode: '755' }, 'areaCode'],
    ['recordFlag "yes"', { callerNum: A, calleeNum: B, recordFlag: 'yes' }, 'recordFlag'],
    ['privateSms 1', { callerNum: A, calleeNum: B, privateSms: 1 }, 'privateSms'],
    ['userData of 257 characters', { callerNum: A, calleeNum: B, userData: 'u'.repeat(257) }, 'userData'],
    ['preVoice tone with a space', { callerNum: A, calleeNum: B, preVoice: { callerHintTone: 'a b.wav' } }, 'preVoice.callerHintTone'],
  ])('AXB bind: %s', async (_name, body, field) => {
    const res = await t.client('t-axb').post(URI.axb, body);
    expect(res.status).toBe(403);
    expect(res.json).toEqual(invalid(field));
  });

  test('flags accept booleans and "true"/"false"; userData of 256 characters is fine', async () => {
    const ok1 = await t.client('t-axb').post(URI.axb, { callerNum: A, calleeNum: B, recordFlag: 'true', privateSms: false, userData: 'u'.repeat(256) });
    expect(ok1.json?.resultcode).toBe('0');
    const ok2 = await t.client('t-axb').post(URI.axb, { callerNum: '+8613800000003', calleeNum: '+8613800000004', recordFlag: true, privateSms: 'false' });
    expect(ok2.json?.resultcode).toBe('0');
    const listed = await t.client('t-axb').get(URI.axb, { subscriptionId: ok1.json?.subscriptionId });
    expect(listed.json?.relationNumList[0]).toMatchObject({ recordFlag: true, privateSms: 'false' });
  });

  test('a malformed JSON body is 1010002', async () => {
    const res = await t.client('t-axb').send({ method: 'POST', path: URI.axb, rawBody: '{"callerNum":' });
    expect(res.json).toEqual(invalid('body'));
  });

  test('query numbers: %2B is "+", a raw "+" decodes to a space and is invalid', async () => {
    const x = t.numbers('t-axb')[3];
    const escaped = await t.client('t-axb').get(URI.axb, { relationNum: x });
    expect(escaped.json?.resultcode).toBe('1012007');
    const raw = await t.client('t-axb').send({ method: 'GET', path: URI.axb, rawQuery: `relationNum=${x}` });
    expect(raw.json).toEqual(invalid('relationNum'));
  });

  test('AX: privateNumType is required with areaCode and must be mobile-virtual', async () => {
    const missing = await t.client('t-ax').post(URI.ax, { origNum: A, areaCode: '0755' });
    expect(missing.json).toEqual(invalid('privateNumType'));
    const wrong = await t.client('t-ax').post(URI.ax, { origNum: A, areaCode: '0755', privateNumType: 'fixed' });
    expect(wrong.json).toEqual(invalid('privateNumType'));
  });

  test('AXE: callbackTone and callbackNum are mutually exclusive; extension and timeUnit formats', async () => {
    const both = await t.client('t-axe').post(URI.axe, { bindNum: A, callbackTone: 'tone.wav', callbackNum: B });
    expect(both.json).toEqual(invalid('callbackNum'));
    expect((await t.client('t-axe').post(URI.axe, { bindNum: A, extendNum: '12' })).json).toEqual(invalid('extendNum'));
    expect((await t.client('t-axe').post(URI.axe, { bindNum: A, extendNum: '0000' })).json).toEqual(invalid('extendNum'));
    expect((await t.client('t-axe').post(URI.axe, { bindNum: A, timeUnit: '2' })).json).toEqual(invalid('timeUnit'));
    expect((await t.client('t-axe').post(URI.axe, { bindNum: A, timeUnit: '0', bindExpiredTime: 2161 })).json).toEqual(invalid('bindExpiredTime'));
  });

  test('AXYB: duration is 0 or 60–7776000, numbers or numeric strings', async () => {
    const axyb = t.client('t-axyb');
    const q = { app_key: 't-axyb-key' };
    expect((await axyb.post(URI.axyb, { origNum: A, duration: 59 }, q)).json).toEqual(invalid('duration'));
    expect((await axyb.post(URI.axyb, { origNum: A, duration: '7776001' }, q)).json).toEqual(invalid('duration'));
    expect((await axyb.post(URI.axyb, { origNum: A, ybDuration: 30 }, q)).json).toEqual(invalid('ybDuration'));
    expect((await axyb.post(URI.axyb, { origNum: A, duration: '60' }, q)).json?.resultcode).toBe('0');
  });

  test('callStop: signal must be call_stop; sessionid is required', async () => {
    const c = t.client('t-axyb');
    expect((await c.post(URI.callStop, { sessionid: 's', signal: 'stop' })).json).toEqual(invalid('signal'));
    expect((await c.post(URI.callStop, { signal: 'call_stop' })).json).toEqual(invalid('sessionid'));
  });

  test('the number pattern is configurable', async () => {
    const other = await startTestEmulator({ numberPattern: /^\+\d{8,15}$/ });
    try {
      const res = await other.client('t-axb').post(URI.axb, { callerNum: '+4915100000001', calleeNum: '+4915100000002' });
      expect(res.json?.resultcode).toBe('0');
    } finally {
      await other.emulator.stop();
    }
  });
});
