import { formatOriginPattern, OriginPolicy, parseOriginPattern, preflightHeaders } from '../../../src/server/cors';

describe('origin patterns', () => {
  test.each([
    ['*', '*'],
    ['https://App.Example.com', 'https://app.example.com'],
    ['https://app.example.com:443', 'https://app.example.com'],
    ['http://localhost:*', 'http://localhost:*'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('%s is read as %s', (text, canonical) => {
    const pattern = parseOriginPattern(text);
    expect(pattern && formatOriginPattern(pattern)).toBe(canonical);
  });

  test.each(['app.example.com', 'https://app.example.com/', 'https://app.example.com/path', 'ftp://x.example', 'https://user@x.example', 'null', 'http://*.example.com', ''])(
    '%j is not an origin pattern',
    (text) => expect(parseOriginPattern(text)).toBeNull(),
  );
});

describe('OriginPolicy', () => {
  const policy = new OriginPolicy(['https://app.example.com', 'http://localhost:*']);

  test('allows exact origins and any port of a wildcard host', () => {
    expect(policy.allows('https://app.example.com', 'gw.example.com')).toBe(true);
    expect(policy.allows('http://localhost:5173', 'gw.example.com')).toBe(true);
    expect(policy.allows('http://localhost', 'gw.example.com')).toBe(true);
  });

  test('refuses other schemes, hosts, ports and malformed origins', () => {
    for (const origin of ['http://app.example.com', 'https://app.example.com:8443', 'https://localhost:5173', 'http://evil.example', 'null', 'http://localhost:5173/x', 'https://app.example.com.evil.example']) {
      expect(policy.allows(origin, 'gw.example.com')).toBe(false);
    }
  });

  test('allows the same origin as the Host header (pages the gateway serves), nothing when the list is empty', () => {
    const none = new OriginPolicy([]);
    expect(none.allows('http://127.0.0.1:4000', '127.0.0.1:4000')).toBe(true);
    expect(none.allows('https://gw.example.com', 'gw.example.com')).toBe(true);
    expect(none.allows('http://127.0.0.1:4001', '127.0.0.1:4000')).toBe(false);
    expect(none.allows('http://evil.example', undefined)).toBe(false);
  });

  test('* allows any origin', () => {
    expect(new OriginPolicy(['*']).allows('http://anything.example:1234', undefined)).toBe(true);
  });

  test('a preflight answer names the origin, methods, headers and max age', () => {
    expect(preflightHeaders('https://app.example.com')).toEqual({
      'access-control-allow-origin': 'https://app.example.com',
      vary: 'Origin',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'authorization, content-type, apollo-require-preflight, x-request-id, x-apollo-operation-name',
      'access-control-max-age': '600',
    });
  });
});
