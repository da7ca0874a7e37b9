import { Params } from '../../../src/emulator/http/params';
import { rawParams } from '../../../src/emulator/http/request-params';
import { DEFAULT_NUMBER_PATTERN } from '../../../src/emulator/emulator-config';

const p = (raw: Record<string, unknown>): Params => new Params(raw, DEFAULT_NUMBER_PATTERN);
const desc = (fn: () => unknown): string => {
  try {
    fn();
    return 'no error';
  } catch (err) {
    return (err as { result: { resultdesc: string } }).result.resultdesc;
  }
};

describe('Params', () => {
  test('numbers: +86 and 7–12 digits; empty counts as absent', () => {
    expect(p({ a: '+8613800000001' }).phone('a')).toBe('+8613800000001');
    expect(p({ a: '' }).optPhone('a')).toBeUndefined();
    expect(desc(() => p({ a: '+8513800000001' }).phone('a'))).toBe('Invalid request. a is invalid.');
    expect(desc(() => p({}).phone('callerNum'))).toBe('Invalid request. callerNum is invalid.');
  });

  test('integers accept numbers and numeric strings within range', () => {
    expect(p({ d: '3600' }).optInt('d', 0, 7776000)).toBe(3600);
    expect(p({ d: 0 }).optInt('d', 0, 10)).toBe(0);
    expect(desc(() => p({ d: 1.5 }).optInt('d', 0, 10))).toMatch(/d is invalid/);
    expect(desc(() => p({ d: '1e3' }).optInt('d', 0, 10000))).toMatch(/d is invalid/);
    expect(p({ s: 'x' }).intOr('s', 10, 100, 50)).toBe(50);
    expect(p({ s: '20' }).intOr('s', 10, 100, 50)).toBe(20);
  });

  test('flags and enums', () => {
    expect([true, 'true', false, 'false'].map((v) => p({ f: v }).optFlag('f'))).toEqual([true, true, false, false]);
    expect(desc(() => p({ f: 'TRUE' }).optFlag('f'))).toMatch(/f is invalid/);
    expect(p({ c: 2 }).optCallDirection()).toBeUndefined();
    expect(p({ callDirection: '2' }).optCallDirection()).toBe(2);
    expect(p({ areaMatchMode: '1' }).strictArea()).toBe(false);
    expect(p({}).strictArea()).toBe(true);
  });
});

describe('rawParams', () => {
  const q = new URLSearchParams('relationNum=%2B8617000000001&callerNum=+8613800000001');
  test('GET reads the query: %2B is "+", a raw "+" is a space', () => {
    expect(rawParams('GET', q, Buffer.from('{"x":1}'))).toEqual({ relationNum: '+8617000000001', callerNum: ' 8613800000001' });
  });
  test('DELETE merges a JSON body under the query; a bad body is ignored', () => {
    expect(rawParams('DELETE', new URLSearchParams('a=1'), Buffer.from('{"a":"2","b":"3"}'))).toEqual({ a: '1', b: '3' });
    expect(rawParams('DELETE', new URLSearchParams('a=1'), Buffer.from('nope'))).toEqual({ a: '1' });
  });
  test('POST reads the body only; a non-object body is 1010002', () => {
    expect(rawParams('POST', q, Buffer.from(''))).toEqual({});
    expect(() => rawParams('POST', q, Buffer.from('[1]'))).toThrow('1010002');
  });
});
