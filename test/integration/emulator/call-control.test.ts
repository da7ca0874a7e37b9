import { URI } from '../../../src/platform/wire';
import { send } from '../../helpers/emulator-http';
import { startTestEmulator, type TestEmulator, T0 } from './fixture';

/** rest-api.md §8.4 callStop and §9 recording download. */
describe('emulator callStop and recordings', () => {
  let t: TestEmulator;

  beforeEach(async () => {
    t = await startTestEmulator({ auth: { lockoutThreshold: 0 } });
  });
  afterEach(() => t.emulator.stop());

  const stop = (app: string, sessionid: string) => t.client(app).post(URI.callStop, { sessionid, signal: 'call_stop' });

  test('callStop ends an active session of the calling app once', async () => {
    const ended: unknown[] = [];
    t.emulator.state.sessions.onEnd((e) => ended.push(e));
    t.emulator.registerSession('t-axyb-key', 'S1@callenabler.example.invalid');
    const res = await stop('t-axyb', 'S1@callenabler.example.invalid');
    expect({ status: res.status, ...res.json }).toEqual({ status: 200, resultcode: '0', resultdesc: 'Success' });
    expect(ended).toEqual([{ appKey: 't-axyb-key', sessionId: 'S1@callenabler.example.invalid', reason: 'callStop' }]);
    const again = await stop('t-axyb', 'S1@callenabler.example.invalid');
    expect({ status: again.status, ...again.json }).toEqual({ status: 403, resultcode: '1020152', resultdesc: 'Invalid sessionId.' });
  });

  test("callStop refuses another app's session and a session that already ended", async () => {
    t.emulator.registerSession('t-axb-key', 'S2');
    expect((await stop('t-axyb', 'S2')).json?.resultcode).toBe('1020152');
    expect((await stop('t-axb', 'S2')).json?.resultcode).toBe('0');
    t.emulator.registerSession('t-ax-key', 'S3');
    t.emulator.endSession('S3');
    expect((await stop('t-ax', 'S3')).json?.resultcode).toBe('1020152');
  });

  const url = (fileName: string, recordDomain = 'record.example.invalid') => t.client('t-axb').get(URI.recording, { fileName, recordDomain });

  test('a known recording: 301 with Location and no body; the URL serves a WAV', async () => {
    t.emulator.addRecording({ fileName: '1200_366_0_20240101100000.wav', recordDomain: 'record.example.invalid' });
    const res = await url('1200_366_0_20240101100000.wav');
    expect(res.status).toBe(301);
    expect(res.text).toBe('');
    expect(res.json).toBeUndefined();
    const location = res.headers.location!;
    expect(location).toMatch(new RegExp(`^${t.emulator.baseUrl}/recordings/1200_366_0_20240101100000\\.wav\\?token=[0-9a-f]+$`));
    const download = await send(t.emulator.baseUrl, { method: 'GET', path: new URL(location).pathname + new URL(location).search });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('audio/wav');
    expect(download.text.slice(0, 4)).toBe('RIFF');
    const forged = await send(t.emulator.baseUrl, { method: 'GET', path: '/recordings/1200_366_0_20240101100000.wav', query: { token: 'forged' } });
    expect(forged.status).toBe(404);
  });

  test('unknown file or wrong domain: 403 1012007', async () => {
    t.emulator.addRecording({ fileName: 'a.wav', recordDomain: 'record.example.invalid' });
    for (const res of [await url('missing.wav'), await url('a.wav', 'other.example.invalid')]) {
      expect({ status: res.status, ...res.json }).toEqual({ status: 403, resultcode: '1012007', resultdesc: 'The record does not exist.' });
    }
    expect((await t.client('t-axb').get(URI.recording, { fileName: 'a.wav' })).json?.resultdesc).toMatch(/recordDomain is invalid/);
  });

  test('recordings are kept 7 days from their creation (emulated time)', async () => {
    t.emulator.addRecording({ fileName: 'new.wav', recordDomain: 'record.example.invalid' });
    t.emulator.addRecording({ fileName: 'old.wav', recordDomain: 'record.example.invalid', createdAtMs: T0 - 7 * 86_400_000 + 1000 });
    expect((await url('old.wav')).status).toBe(301);
    t.clock.advanceSeconds(1);
    expect((await url('old.wav')).json?.resultcode).toBe('1012007');
    t.clock.advanceSeconds(7 * 86_400 - 2);
    expect((await url('new.wav')).status).toBe(301);
    t.clock.advanceSeconds(1);
    expect((await url('new.wav')).json?.resultcode).toBe('1012007');
  });
});
