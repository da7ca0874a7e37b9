import { createCidrMatcher, parseCidr, type Cidr } from '../../../src/shared/cidr';
import { isJsonContentType } from '../../../src/webhooks/content-type';
import { checkMetricsAccess, metricsAccessFor } from '../../../src/server/metrics-access';

const matcher = (...texts: string[]) => createCidrMatcher(texts.map((t) => parseCidr(t) as Cidr));

describe('CIDR ranges', () => {
  test('parse IPv4 and IPv6 ranges and single hosts; refuse the rest', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseCidr('2001:db8::/32')).toEqual({ address: '2001:db8::', prefix: 32, family: 'ipv6' });
    expect(parseCidr('192.0.2.1')).toEqual({ address: '192.0.2.1', prefix: 32, family: 'ipv4' });
    for (const bad of ['10.0.0.0/33', '10.0.0/8', 'host/8', '::/129', '10.0.0.0/', '10.0.0.0/8/8', '10.0.0.0/-1']) expect(parseCidr(bad)).toBeNull();
  });

  test('match IPv4, IPv6 and IPv4-mapped IPv6 peers', () => {
    const allowed = matcher('10.0.0.0/8', '2001:db8::/32');
    expect(allowed('10.1.2.3')).toBe(true);
    expect(allowed('::ffff:10.1.2.3')).toBe(true);
    expect(allowed('2001:db8:1::5')).toBe(true);
    expect(allowed('127.0.0.1')).toBe(false);
    expect(allowed('::ffff:127.0.0.1')).toBe(false);
    expect(allowed('::1')).toBe(false);
    expect(allowed(undefined)).toBe(false);
    expect(matcher('127.0.0.0/8')('::ffff:127.0.0.1')).toBe(true);
  });
});

describe('push content type', () => {
  test('application/json with or without parameters, in any case', () => {
    for (const value of ['application/json', 'application/json;charset=UTF-8', 'Application/JSON; charset=utf-8']) expect(isJsonContentType(value)).toBe(true);
    for (const value of [undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', 'multipart/form-data; boundary=x']) expect(isJsonContentType(value)).toBe(false);
  });
});

describe('metrics access on the main port', () => {
  const TOKEN = 'metrics-token-0123456789';
  test('public, bearer token, or hidden', () => {
    expect(checkMetricsAccess(metricsAccessFor({ token: null, port: null, public: true }), undefined)).toBe('allow');
    expect(checkMetricsAccess(metricsAccessFor({ token: null, port: null, public: false }), `Bearer ${TOKEN}`)).toBe('not-found');
    expect(checkMetricsAccess(metricsAccessFor({ token: null, port: 9464, public: false }), undefined)).toBe('not-found');
    const bearer = metricsAccessFor({ token: TOKEN, port: null, public: false });
    expect(checkMetricsAccess(bearer, `Bearer ${TOKEN}`)).toBe('allow');
    expect(checkMetricsAccess(bearer, `bearer ${TOKEN}`)).toBe('allow');
    for (const header of [undefined, '', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN, 'Bearer ']) expect(checkMetricsAccess(bearer, header)).toBe('unauthorized');
  });
});
