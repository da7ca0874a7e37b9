import { buildTokenHeader, computeDigest, AUTHORIZATION_VALUE, type AuthScheme } from '../../../src/platform/signing';
import { decideAuth, verifyPushSignature, type VerifyInput, type VerifyResult } from '../../../src/webhooks/verify-signature';

const APP_KEY = 'demoAppKey0000000000000000';
const APP_SECRET = 'demoAppSecret000000000000000';
const CREATED = '2024-05-06T01:15:42Z';
const CREATED_MS = Date.parse(CREATED);
const NONCE = '9F3A0C7E5B1D4A2C8E6F0B3D5A7C9E1F';
const WINDOW_SECONDS = 300;
const WINDOW_MS = WINDOW_SECONDS * 1000;

function token(scheme: AuthScheme, overrides: { appKey?: string; secret?: string; nonce?: string } = {}): string {
  return buildTokenHeader(scheme, overrides.appKey ?? APP_KEY, overrides.secret ?? APP_SECRET, new Date(CREATED), overrides.nonce ?? NONCE);
}

function headersFor(scheme: AuthScheme): Record<string, string> {
  return scheme === 'aksk'
    ? { authorization: AUTHORIZATION_VALUE.aksk, 'x-aksk': token('aksk') }
    : { authorization: AUTHORIZATION_VALUE.wsse, 'x-wsse': token('wsse') };
}

/** The scheme the Authorization header names (AKSK when there is none): the digest rules are tested per scheme. */
function schemeOf(headers: VerifyInput['headers']): AuthScheme {
  const value = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  return String(value ?? '').trim().toUpperCase().startsWith('WSSE') ? 'wsse' : 'aksk';
}

function verify(headers: VerifyInput['headers'], overrides: Partial<VerifyInput> = {}): VerifyResult {
  return verifyPushSignature({
    headers,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    scheme: schemeOf(headers),
    nowMs: CREATED_MS + 2_000,
    windowSeconds: WINDOW_SECONDS,
    ...overrides,
  });
}

function reasonOf(result: VerifyResult): string {
  return result.ok ? 'ok' : result.reason;
}

describe('verifyPushSignature accepts', () => {
  test.each(['aksk', 'wsse'] as const)('a correct %s push', (scheme) => {
    expect(verify(headersFor(scheme))).toEqual({ ok: true, scheme, nonce: NONCE });
  });

  test('header names in any case, and a repeated header by its first value', () => {
    expect(verify({ Authorization: AUTHORIZATION_VALUE.aksk, 'X-AKSK': [token('aksk'), 'junk'] })).toEqual({ ok: true, scheme: 'aksk', nonce: NONCE });
    expect(verify({ AUTHORIZATION: AUTHORIZATION_VALUE.wsse, 'X-Wsse': token('wsse') })).toEqual({ ok: true, scheme: 'wsse', nonce: NONCE });
  });

  test('the scheme word in any case, and Authorization without its parameters', () => {
    expect(verify({ authorization: 'aksk realm="sdp",profile="usernametoken",type="appkey"', 'x-aksk': token('aksk') }).ok).toBe(true);
    expect(verify({ authorization: 'WSSE', 'x-wsse': token('wsse') }).ok).toBe(true);
  });

  test('Created with milliseconds', () => {
    const digest = computeDigest('aksk', APP_SECRET, NONCE, '2024-05-06T01:15:42.000Z');
    const value = `UsernameToken Username="${APP_KEY}", PasswordDigest="${digest}", Nonce="${NONCE}", Created="2024-05-06T01:15:42.000Z"`;
    expect(verify({ authorization: AUTHORIZATION_VALUE.aksk, 'x-aksk': value }).ok).toBe(true);
  });
});

describe('verifyPushSignature rejects', () => {
  test.each([
    ['no headers', {}, 'missing-header'],
    ['no Authorization', { 'x-aksk': token('aksk') }, 'missing-header'],
    ['a blank Authorization', { authorization: '  ', 'x-aksk': token('aksk') }, 'missing-header'],
    ['no token header', { authorization: AUTHORIZATION_VALUE.aksk }, 'missing-header'],
    ['the token of the other scheme', { authorization: AUTHORIZATION_VALUE.aksk, 'x-wsse': token('wsse') }, 'missing-header'],
    ['another scheme word', { authorization: 'Basic ZGVtbzpkZW1v', 'x-aksk': token('aksk') }, 'bad-authorization'],
    ['another realm', { authorization: 'AKSK realm="OTHER",profile="UsernameToken",type="Appkey"', 'x-aksk': token('aksk') }, 'bad-authorization'],
    ['another profile', { authorization: 'AKSK realm="SDP",profile="Digest",type="Appkey"', 'x-aksk': token('aksk') }, 'bad-authorization'],
    ['no Nonce', { authorization: AUTHORIZATION_VALUE.aksk, 'x-aksk': token('aksk').replace(/Nonce="[^"]*", /, '') }, 'malformed-token'],
    ['no PasswordDigest', { authorization: AUTHORIZATION_VALUE.aksk, 'x-aksk': token('aksk').replace(/PasswordDigest="[^"]*", /, '') }, 'malformed-token'],
    ['a token with nothing in it', { authorization: AUTHORIZATION_VALUE.aksk, 'x-aksk': 'UsernameToken' }, 'malformed-token'],
    ['Created in the body time format', { authorization: AUTHORIZATION_VALUE.aksk, 'x-aksk': token('aksk').replace(CREATED, '2024-05-06 01:15:42') }, 'malformed-token'],
    ['Created in month 13', { authorization: AUTHORIZATION_VALUE.aksk, 'x-aksk': token('aksk').replace(CREATED, '2024-13-06T01:15:42Z') }, 'malformed-token'],
    ['a Nonce over 128 characters', { authorization: AUTHORIZATION_VALUE.aksk, 'x-aksk': token('aksk', { nonce: 'A'.repeat(129) }) }, 'malformed-token'],
    ['another app key', { authorization: AUTHORIZATION_VALUE.aksk, 'x-aksk': token('aksk', { appKey: 'otherAppKey' }) }, 'wrong-app-key'],
    ['another secret', { authorization: AUTHORIZATION_VALUE.aksk, 'x-aksk': token('aksk', { secret: 'wrong' }) }, 'bad-digest'],
    ['a WSSE digest under AKSK', { authorization: AUTHORIZATION_VALUE.aksk, 'x-aksk': token('wsse') }, 'bad-digest'],
    ['an AKSK digest under WSSE', { authorization: AUTHORIZATION_VALUE.wsse, 'x-wsse': token('aksk') }, 'bad-digest'],
    ['a digest for another Created', { authorization: AUTHORIZATION_VALUE.aksk, 'x-aksk': token('aksk').replace(CREATED, '2024-05-06T01:15:43Z') }, 'bad-digest'],
  ])('%s', (_name, headers, reason) => {
    expect(reasonOf(verify(headers as VerifyInput['headers']))).toBe(reason);
  });

  test.each([
    ['aksk', 'wsse'],
    ['wsse', 'aksk'],
  ] as const)('a correct %s push when the configuration names %s', (signed, configured) => {
    const result = verify(headersFor(signed), { scheme: configured });
    expect(result).toMatchObject({ ok: false, reason: 'wrong-scheme' });
    expect(verify(headersFor(signed), { scheme: signed }).ok).toBe(true);
  });

  test('the detail names the fault and never carries the secret or the digest', () => {
    const headers = { authorization: AUTHORIZATION_VALUE.aksk, 'x-aksk': token('aksk', { secret: 'wrong' }) };
    const result = verify(headers);
    expect(result).toMatchObject({ ok: false, reason: 'bad-digest' });
    const detail = result.ok ? '' : result.detail;
    expect(detail).not.toContain(APP_SECRET);
    expect(detail).not.toContain(computeDigest('aksk', APP_SECRET, NONCE, CREATED));
  });
});

describe('the Created window', () => {
  test.each([
    ['exactly one window late', CREATED_MS + WINDOW_MS, 'ok'],
    ['a millisecond more', CREATED_MS + WINDOW_MS + 1, 'created-out-of-window'],
    ['exactly one window early', CREATED_MS - WINDOW_MS, 'ok'],
    ['a millisecond more early', CREATED_MS - WINDOW_MS - 1, 'created-out-of-window'],
  ])('%s', (_name, nowMs, reason) => {
    expect(reasonOf(verify(headersFor('aksk'), { nowMs }))).toBe(reason);
  });
});

describe('decideAuth', () => {
  const good: VerifyResult = { ok: true, scheme: 'aksk', nonce: NONCE };
  const bad: VerifyResult = { ok: false, reason: 'bad-digest', detail: 'PasswordDigest does not match (aksk)' };
  test.each([
    ['off', good, { accept: true, log: false }],
    ['off', bad, { accept: true, log: false }],
    ['log', good, { accept: true, log: false }],
    ['log', bad, { accept: true, log: true }],
    ['enforce', good, { accept: true, log: false }],
    ['enforce', bad, { accept: false, log: true }],
  ] as const)('%s with %j', (mode, result, decision) => {
    expect(decideAuth(mode, result)).toEqual(decision);
  });

  test('an unknown mode is a bug, not a decision', () => {
    expect(() => decideAuth('sometimes' as never, good)).toThrow('Unreachable case');
  });
});
