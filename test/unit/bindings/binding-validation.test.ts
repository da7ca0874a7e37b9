import type { AppConfig } from '../../../src/config';
import { UserInputError } from '../../../src/errors';
import {
  checkAxybDuration,
  checkExpiresIn,
  checkExtension,
  checkMaxCallMinutes,
  checkNumberChoice,
  resolveApp,
} from '../../../src/bindings/binding.validation';
import { hashInput } from '../../../src/bindings/idempotency';

const app = (name: string, mode: AppConfig['mode']): AppConfig => ({ name, mode, appKey: `${name}-key`, appSecret: 's', numbers: [], webhookAuth: 'log', webhookPathToken: null });

function fieldOf(fn: () => void): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserInputError);
    return (err as UserInputError).field;
  }
  throw new Error('expected a UserInputError');
}

describe('binding input checks', () => {
  it('bounds expiresInSeconds to 0..7776000 and names the field', () => {
    expect(() => checkExpiresIn('input.expiresInSeconds', 7_776_000)).not.toThrow();
    expect(() => checkExpiresIn('input.expiresInSeconds', 0)).not.toThrow();
    expect(fieldOf(() => checkExpiresIn('input.expiresInSeconds', 7_776_001))).toBe('input.expiresInSeconds');
    expect(fieldOf(() => checkExpiresIn('input.expiresInSeconds', -1))).toBe('input.expiresInSeconds');
    expect(fieldOf(() => checkExpiresIn('input.expiresInSeconds', 1.5))).toBe('input.expiresInSeconds');
  });

  it('allows AXYB lifetimes of 0 or 60..7776000 only', () => {
    expect(() => checkAxybDuration('d', 0)).not.toThrow();
    expect(() => checkAxybDuration('d', 60)).not.toThrow();
    expect(fieldOf(() => checkAxybDuration('d', 59))).toBe('d');
  });

  it('bounds maxCallMinutes to 0..1440', () => {
    expect(() => checkMaxCallMinutes('m', 1440)).not.toThrow();
    expect(fieldOf(() => checkMaxCallMinutes('m', 1441))).toBe('m');
  });

  it('accepts extensions of 1 to 4 digits', () => {
    for (const ok of ['1', '12', '123', '1234']) expect(() => checkExtension('e', ok)).not.toThrow();
    for (const bad of ['', '12345', '12a', ' 12']) expect(fieldOf(() => checkExtension('e', bad))).toBe('e');
  });

  it('needs exactly one of privacyNumber and cityCode', () => {
    expect(fieldOf(() => checkNumberChoice('input', '+8617000000001', '0755'))).toBe('input.cityCode');
    expect(fieldOf(() => checkNumberChoice('input', null, null))).toBe('input.privacyNumber');
    expect(fieldOf(() => checkNumberChoice('input', null, '755'))).toBe('input.cityCode');
    expect(() => checkNumberChoice('input', null, '0755')).not.toThrow();
  });
});

describe('resolveApp', () => {
  const apps = [app('a1', 'AXB'), app('a2', 'AXB'), app('x', 'AX')];

  it('uses the only app of a mode', () => {
    expect(resolveApp(apps, 'AX', null).name).toBe('x');
  });

  it('names the candidates when the choice is ambiguous', () => {
    expect(() => resolveApp(apps, 'AXB', null)).toThrow(/a1, a2/);
  });

  it('rejects a named app of another mode and an unknown name', () => {
    expect(() => resolveApp(apps, 'AXB', 'x')).toThrow(/is a AX app/);
    expect(() => resolveApp(apps, 'AXB', 'nope')).toThrow(/no app named "nope"/);
    expect(() => resolveApp(apps, 'AXE', null)).toThrow(/no AXE app/);
  });
});

describe('hashInput', () => {
  it('ignores key order and absent values but not values', () => {
    expect(hashInput({ a: 1, b: 'x', c: null })).toBe(hashInput({ b: 'x', a: 1 }));
    expect(hashInput({ a: 1 })).not.toBe(hashInput({ a: 2 }));
  });
});
