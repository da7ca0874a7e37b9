import { lazyShape } from '../../../src/shared/lazy';

describe('lazyShape', () => {
  test('makes a property on first read, from the instance input, once; an unread one never', () => {
    const made: string[] = [];
    const Shape = lazyShape<{ id: number }, { a: { id: number; key: 'a' }; b: { id: number; key: 'b' } }>({
      a: (input) => (made.push(`a${input.id}`), { id: input.id, key: 'a' }),
      b: (input) => (made.push(`b${input.id}`), { id: input.id, key: 'b' }),
    });
    const one = new Shape({ id: 1 });
    const two = new Shape({ id: 2 });
    expect(made).toEqual([]);
    const first = one.a;
    expect(first).toEqual({ id: 1, key: 'a' });
    expect(one.a).toBe(first);
    expect(two.a).toEqual({ id: 2, key: 'a' });
    expect(two.a).not.toBe(first);
    expect(made).toEqual(['a1', 'a2']);
  });

  test('its properties cannot be assigned', () => {
    const Shape = lazyShape<null, { a: number }>({ a: () => 1 });
    const one = new Shape(null) as { a: number };
    expect(() => {
      one.a = 2;
    }).toThrow(TypeError);
    expect(one.a).toBe(1);
  });
});
