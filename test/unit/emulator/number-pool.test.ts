import { NumberPool } from '../../../src/emulator/number-pool';
import { ResultError } from '../../../src/emulator/result';

describe('NumberPool', () => {
  const pool = (): NumberPool =>
    new NumberPool([
      { number: '+8617000000001', cityCode: '010' },
      { number: '+8617000000002', cityCode: '0755' },
      { number: '+8617000000003', cityCode: '020' },
      { number: '+8617000000004', cityCode: '0755' },
      { number: '+8617000000005', cityCode: '' },
    ]);
  const numbers = (list: { number: string }[]): string[] => list.map((n) => n.number.slice(-1));

  test('strict: only the city, in pool order', () => {
    expect(numbers(pool().candidates('0755', true))).toEqual(['2', '4']);
    expect(pool().candidates('0571', true)).toEqual([]);
  });

  test('non-strict: city, then the same province, then the rest (unknown cities last tier)', () => {
    expect(numbers(pool().candidates('020', false))).toEqual(['3', '2', '4', '1', '5']);
    expect(numbers(pool().candidates('0571', false))).toEqual(['1', '2', '3', '4', '5']);
  });

  test('abnormal numbers are never candidates and refuse explicit requests with 1012102', () => {
    const p = pool();
    p.get('+8617000000002')!.abnormal = true;
    expect(numbers(p.candidates('0755', true))).toEqual(['4']);
    expect(() => p.requireUsable('+8617000000002')).toThrow(expect.objectContaining({ result: expect.objectContaining({ resultcode: '1012102' }) }));
    expect(() => p.requireUsable('+8617099999999')).toThrow(ResultError);
  });

  test('frozen numbers (status 11) take no new binding either', () => {
    const p = pool();
    p.get('+8617000000004')!.frozen = true;
    expect(numbers(p.candidates('0755', true))).toEqual(['2']);
    expect(() => p.requireUsable('+8617000000004')).toThrow('1012102');
  });

  test('allocate: explicit X wins; area picks the first eligible; none → 1012008', () => {
    const p = pool();
    expect(p.allocate({ explicit: '+8617000000001', areaCode: '0755', strict: true }, () => false, () => undefined).number).toBe('+8617000000001');
    expect(p.allocate({ areaCode: '0755', strict: true }, (n) => n.number.endsWith('4'), () => undefined).number).toBe('+8617000000004');
    expect(() => p.allocate({ areaCode: '0755', strict: true }, () => false, () => undefined)).toThrow('1012008');
  });

  test('add updates the city of a known number instead of duplicating it', () => {
    const p = pool();
    p.add({ number: '+8617000000005', cityCode: '021' });
    expect(p.list()).toHaveLength(5);
    expect(p.get('+8617000000005')!.cityCode).toBe('021');
  });
});
