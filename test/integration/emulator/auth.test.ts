import { URI } from '../../../src/platform/wire';
import { createdAt, send, signHeaders, type RawResponse } from '../../helpers/emulator-http';
import { startTestEmulator, type TestEmulator } from './fixture';

/** rest-api.md §2.6 / §12.2: the authentication pipeline, code by code, in its documented order. */
describe('emulator authentication', () => {
  let t: TestEmulator;
  const axb = { appKey: 't-axb-key', appSecret: 't-axb-secret' };
  const path = URI.axb;
  const query = { subscriptionId: 'nothing-here' };

  beforeAll(async () => {
    t = await startTestEmulator({ auth: { lockoutThreshold: 0 } });
  });
  afterAll(() => t.emulator.stop());

  const get = (headers: Record<string, string>): Promise<RawResponse> => send(t.emulator.baseUrl, { method: 'GET', path, query, headers });
  const signed = (opts = {}): Record<string, string> => signHeaders(axb, { nowMs: t.clock.now(), ...opts });
  const token = (parts: string[]): Record<string, string> => ({
    authorization: 'AKSK realm="SDP",profile="UsernameToken",type="Appkey"',
    'x-aksk': `UsernameToken ${parts.join(', ')}`,
  });

  const expectResult = (res: RawResponse, status: number, resultcode: string, resultdesc?: string): void => {
    expect({ status: res.status, resultcode: res.json?.resultcode }).toEqual({ status, resultcode });
    if (resultdesc) expect(res.json?.resultdesc).toBe(resultdesc);
  };

  test('a correct AKSK signature passes (the query then finds nothing: 1012007)', async () => {
    expectResult(await get(signed()), 403, '1012007', 'The record does not exist.');
  });

  test.each([
    ['no Authorization', {}, '1023006', 'Authorization not contained in the HTTP header.'],
    ['no realm', { authorization: 'AKSK profile="UsernameToken",type="Appkey"' }, '1023007', 'realm not contained in Authorization.'],
    ['no profile', { authorization: 'AKSK realm="SDP",type="Appkey"' }, '1023008', 'profile not contained in Authorization.'],
    ['realm not SDP', { authorization: 'AKSK realm="XYZ",profile="UsernameToken",type="Appkey"' }, '1023009', 'The value of realm in Authorization must be SDP.'],
    ['profile wrong', { authorization: 'AKSK realm="SDP",profile="Basic",type="Appkey"' }, '1023010', 'The value of profile in Authorization must be UsernameToken.'],
    ['type wrong', { authorization: 'AKSK realm="SDP",profile="UsernameToken",type="User"' }, '1023011', 'The value of type in Authorization must be app_key.'],
    ['no type', { authorization: 'AKSK realm="SDP",profile="UsernameToken"' }, '1023012', 'type not contained in Authorization.'],
    ['no X-AKSK', { authorization: 'AKSK realm="SDP",profile="UsernameToken",type="Appkey"' }, '1023033', 'HTTP header not found X-AKSK field.'],
  ])('400 for %s', async (_name, headers, code, desc) => {
    expectResult(await get(headers as Record<string, string>), 400, code, desc);
  });

  test.each([
    ['UserName', ['PasswordDigest="d"', 'Nonce="n"', 'Created="c"'], '1023034', 'UserName not contained in X-AKSK.'],
    ['Nonce', ['Username="k"', 'PasswordDigest="d"', 'Created="c"'], '1023035', 'Nonce not contained in X-AKSK.'],
    ['Created', ['Username="k"', 'PasswordDigest="d"', 'Nonce="n"'], '1023036', 'Created not contained in X-AKSK.'],
    ['PasswordDigest', ['Username="k"', 'Nonce="n"', 'Created="c"'], '1023037', 'PasswordDigest not contained in X-AKSK.'],
  ])('400 when X-AKSK lacks %s', async (_name, parts, code, desc) => {
    expectResult(await get(token(parts)), 400, code, desc);
  });

  test('403 1010003 for an unknown app key, checked before the digest', async () => {
    expectResult(await get(signHeaders({ appKey: 'nobody', appSecret: 'x' }, { nowMs: t.clock.now() })), 403, '1010003', 'Invalid app_key.');
  });

  test('401 1010010 for a wrong digest, checked before the time window', async () => {
    expectResult(await get(signed({ digest: 'AAAA' })), 401, '1010010', 'Invalid digest.');
    expectResult(await get(signed({ digest: 'AAAA', nowMs: t.clock.now() - 3_600_000 })), 401, '1010010');
  });

  test('401 1010013 when Created is outside ±5 minutes of the emulator clock', async () => {
    expectResult(await get(signed({ nowMs: t.clock.now() - 301_000 })), 401, '1010013', 'Time out limit.');
    expectResult(await get(signed({ nowMs: t.clock.now() + 301_000 })), 401, '1010013');
    expectResult(await get(signed({ nowMs: t.clock.now() - 299_000 })), 403, '1012007');
    expectResult(await get(signed({ created: 'yesterday' })), 401, '1010013');
  });

  test('403 1010040 when the app mode does not match the interface', async () => {
    const ax = { appKey: 't-ax-key', appSecret: 't-ax-secret' };
    const res = await send(t.emulator.baseUrl, { method: 'GET', path, query, headers: signHeaders(ax, { nowMs: t.clock.now() }) });
    expectResult(res, 403, '1010040', 'The app_key is not allowed to invoke the API.');
  });

  test('legacy WSSE is accepted; compact X-AKSK, upper-case header names too', async () => {
    expectResult(await get(signed({ scheme: 'wsse' })), 403, '1012007');
    expectResult(await get(signed({ compact: true })), 403, '1012007');
    const h = signed();
    expectResult(await get({ Authorization: h.authorization, 'X-AKSK': h['x-aksk'] }), 403, '1012007');
  });

  test('a bad digest under WSSE is 1010010 too; WSSE can be turned off', async () => {
    expectResult(await get(signed({ scheme: 'wsse', digest: 'AAAA' })), 401, '1010010');
    const strict = await startTestEmulator({ auth: { acceptWsse: false, lockoutThreshold: 0 } });
    try {
      const res = await send(strict.emulator.baseUrl, { method: 'GET', path, query, headers: signHeaders(axb, { scheme: 'wsse', nowMs: strict.clock.now() }) });
      expect(res.json?.resultcode).toBe('1023006');
    } finally {
      await strict.emulator.stop();
    }
  });

  test('nonce replay is accepted by default and refused when enabled', async () => {
    const nonce = 'REPLAYED0001';
    const created = createdAt(t.clock.now());
    expectResult(await get(signed({ nonce, created })), 403, '1012007');
    expectResult(await get(signed({ nonce, created })), 403, '1012007');
    const strict = await startTestEmulator({ auth: { rejectNonceReplay: true, lockoutThreshold: 0 } });
    try {
      const h = signHeaders(axb, { nonce, nowMs: strict.clock.now() });
      const again = (): Promise<RawResponse> => send(strict.emulator.baseUrl, { method: 'GET', path, query, headers: h });
      expect((await again()).json?.resultcode).toBe('1012007');
      expectResult(await again(), 401, '1010010');
    } finally {
      await strict.emulator.stop();
    }
  });
});

describe('emulator IP lock-out', () => {
  test('N failures lock the IP for 30 scaled minutes, even for correct signatures', async () => {
    const t = await startTestEmulator({ auth: { lockoutThreshold: 3 } });
    const creds = { appKey: 't-axb-key', appSecret: 't-axb-secret' };
    const get = (headers: Record<string, string>): Promise<RawResponse> =>
      send(t.emulator.baseUrl, { method: 'GET', path: URI.axb, query: { subscriptionId: 's' }, headers });
    try {
      for (let i = 0; i < 2; i += 1) expect((await get(signHeaders(creds, { nowMs: t.clock.now(), digest: 'AAAA' }))).json?.resultcode).toBe('1010010');
      expect((await get(signHeaders(creds, { nowMs: t.clock.now() }))).json?.resultcode).toBe('1012007');
      expect((await get({})).json?.resultcode).toBe('1023006');
      const locked = await get(signHeaders(creds, { nowMs: t.clock.now() }));
      expect({ status: locked.status, ...locked.json }).toEqual({ status: 403, resultcode: '1020176', resultdesc: 'Authentication failed, try again later' });
      t.clock.advanceSeconds(29 * 60);
      expect((await get(signHeaders(creds, { nowMs: t.clock.now() }))).json?.resultcode).toBe('1020176');
      t.clock.advanceSeconds(61);
      expect((await get(signHeaders(creds, { nowMs: t.clock.now() }))).json?.resultcode).toBe('1012007');
    } finally {
      await t.emulator.stop();
    }
  });

  test('failures older than the window do not count', async () => {
    const t = await startTestEmulator({ auth: { lockoutThreshold: 2 } });
    const get = (): Promise<RawResponse> => send(t.emulator.baseUrl, { method: 'GET', path: URI.axb, headers: {} });
    try {
      await get();
      t.clock.advanceSeconds(301);
      expect((await get()).json?.resultcode).toBe('1023006');
      expect((await get()).json?.resultcode).toBe('1023006');
      expect((await get()).json?.resultcode).toBe('1020176');
    } finally {
      await t.emulator.stop();
    }
  });
});
