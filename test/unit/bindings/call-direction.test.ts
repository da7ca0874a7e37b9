import { CallDirection, callDirectionOfWire, parseWireCallDirection, toWireCallDirection } from '../../../src/bindings/call-direction';

describe('call direction and the platform callDirection', () => {
  it('maps each direction to its rest-api.md code and back', () => {
    expect(toWireCallDirection('BOTH')).toBe(0);
    expect(toWireCallDirection('A_TO_B_ONLY')).toBe(1);
    expect(toWireCallDirection('B_TO_A_ONLY')).toBe(2);
    for (const d of Object.values(CallDirection)) expect(callDirectionOfWire(toWireCallDirection(d))).toBe(d);
  });

  it('sends BOTH when the direction is absent', () => {
    expect(toWireCallDirection(null)).toBe(0);
    expect(toWireCallDirection(undefined)).toBe(0);
  });

  it('reads codes given as numbers or strings, and nothing else', () => {
    expect(parseWireCallDirection(2)).toBe(2);
    expect(parseWireCallDirection('1')).toBe(1);
    expect(parseWireCallDirection(3)).toBeUndefined();
    expect(parseWireCallDirection('')).toBeUndefined();
    expect(parseWireCallDirection(undefined)).toBeUndefined();
  });
});
