import { AUTHORIZATION_VALUE, buildTokenHeader, computeDigest, parseTokenHeader, signedHeaders } from '../../../src/platform/signing';

const SECRET = 'FictionalSecret0001';
const NONCE = '66C92B11FF8A425FB8D4CCFE0ED9ED1F';
const CREATED = '2018-02-12T15:30:20Z';

describe('digest (rest-api.md §2.2 test vector)', () => {
  test('AKSK: Base64(HMAC-SHA256(secret, nonce + created))', () => {
    expect(computeDigest('aksk', SECRET, NONCE, CREATED)).toBe('o9Wnl6/F6CDdZmD0oyjEvchTFQWnkDi+zB2ikUciPAo=');
  });

  test('legacy WSSE: Base64(SHA256(nonce + created + secret))', () => {
    expect(computeDigest('wsse', SECRET, NONCE, CREATED)).toBe('Hf2S/+J12SLXp6vzW9bXCr3gnj9mJy36GfgL/hjhhao=');
  });
});

describe('header formats', () => {
  test('Authorization values per scheme', () => {
    expect(AUTHORIZATION_VALUE.aksk).toBe('AKSK realm="SDP",profile="UsernameToken",type="Appkey"');
    expect(AUTHORIZATION_VALUE.wsse).toBe('WSSE realm="SDP",profile="UsernameToken",type="Appkey"');
  });

  test('token header carries the documented fields, Created in UTC without milliseconds', () => {
    const header = buildTokenHeader('aksk', 'fictionalAppKey0001', SECRET, new Date('2018-02-12T15:30:20.123Z'), NONCE);
    expect(header).toBe(
      'UsernameToken Username="fictionalAppKey0001", PasswordDigest="o9Wnl6/F6CDdZmD0oyjEvchTFQWnkDi+zB2ikUciPAo=", ' +
        'Nonce="66C92B11FF8A425FB8D4CCFE0ED9ED1F", Created="2018-02-12T15:30:20Z"',
    );
    expect(parseTokenHeader(header)).toEqual({
      username: 'fictionalAppKey0001',
      passwordDigest: 'o9Wnl6/F6CDdZmD0oyjEvchTFQWnkDi+zB2ikUciPAo=',
      nonce: NONCE,
      created: CREATED,
    });
  });

  test('signed headers: x-aksk for AKSK, x-wsse for WSSE, a fresh nonce each time', () => {
    const now = new Date('2018-02-12T15:30:20Z');
    const a = signedHeaders('aksk', 'k', SECRET, now);
    const b = signedHeaders('aksk', 'k', SECRET, now);
    expect(Object.keys(a).sort()).toEqual(['authorization', 'x-aksk']);
    expect(parseTokenHeader(a['x-aksk']).nonce).not.toBe(parseTokenHeader(b['x-aksk']).nonce);
    expect(parseTokenHeader(a['x-aksk']).nonce).toMatch(/^[0-9A-Za-z]{1,128}$/);
    expect(Object.keys(signedHeaders('wsse', 'k', SECRET, now)).sort()).toEqual(['authorization', 'x-wsse']);
  });
});
