import { GraphQLError, Kind } from 'graphql';
import { DateTimeScalar, PhoneNumberScalar } from '../../../src/shared/scalars';

describe('PhoneNumber scalar', () => {
  it('accepts global format and returns it unchanged', () => {
    expect(PhoneNumberScalar.parseValue('+8613800000001')).toBe('+8613800000001');
    expect(PhoneNumberScalar.parseLiteral({ kind: Kind.STRING, value: '+8617000000001' })).toBe('+8617000000001');
    expect(PhoneNumberScalar.serialize('+8613800000001')).toBe('+8613800000001');
  });

  it.each([
    ['13700000002', /must start with "\+"/],
    ['+86 137 0000 0002', /only digits/],
    ['+0861380000000', /cannot start with 0/],
    ['+4412', /4 digits after "\+", expected 8 to 15/],
    ['+8613800000001234567', /19 digits/],
    [' +8613700000002', /spaces/],
  ])('rejects %j saying what is wrong, without repeating the number', (input, reason) => {
    let error: unknown;
    try {
      PhoneNumberScalar.parseValue(input);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toMatch(/^PhoneNumber must be in global format/);
    expect((error as Error).message).not.toContain(input.trim());
  });

  it('rejects non-strings', () => {
    expect(() => PhoneNumberScalar.parseValue(8613800000001)).toThrow(/must be a string, got a value of type number/);
    expect(() => PhoneNumberScalar.parseLiteral({ kind: Kind.INT, value: '8613800000001' })).toThrow(/must be a string, got int/);
  });
});

describe('DateTime scalar', () => {
  it('serializes Dates and ISO strings as UTC with milliseconds', () => {
    expect(DateTimeScalar.serialize(new Date(Date.UTC(2026, 10, 23, 8, 15)))).toBe('2026-11-23T08:15:00.000Z');
    expect(DateTimeScalar.serialize('2026-11-23T16:15:00+08:00')).toBe('2026-11-23T08:15:00.000Z');
    expect(() => DateTimeScalar.serialize('not a date')).toThrow(/DateTime cannot represent/);
  });

  it('parses RFC 3339 input with any offset into a Date', () => {
    expect((DateTimeScalar.parseValue('2026-11-23T16:15:00+08:00') as Date).toISOString()).toBe('2026-11-23T08:15:00.000Z');
    expect(() => DateTimeScalar.parseValue('2026-11-23 08:15:00')).toThrow();
  });
});
