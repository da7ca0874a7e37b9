import { registerEnumType } from 'type-graphql';

/**
 * Who called whom, as a CDR's `direction` says (push-api.md §3.4). The wire integer keeps one meaning across
 * modes (AXB, AX and AXE document it; AXYB and X are not readable and are taken as AX): 0 someone reached A,
 * 1 A called out, 2 abnormal. `CallRecord.direction` keeps the integer; this is its readable companion.
 */
export enum CallRecordDirection {
  TO_PARTY_A = 'TO_PARTY_A',
  FROM_PARTY_A = 'FROM_PARTY_A',
  ABNORMAL = 'ABNORMAL',
}
registerEnumType(CallRecordDirection, {
  name: 'CallRecordDirection',
  description: 'The meaning of a call record\'s direction (platform 0 / 1 / 2; AXYB and X mode assumed to read like AX).',
  valuesConfig: {
    TO_PARTY_A: { description: '0: another party called A (AXB: B called A).' },
    FROM_PARTY_A: { description: '1: A called another party (AXB: A called B).' },
    ABNORMAL: { description: '2: an abnormal call, e.g. one with no binding data.' },
  },
});

const FROM_WIRE: Readonly<Record<number, CallRecordDirection>> = {
  0: CallRecordDirection.TO_PARTY_A,
  1: CallRecordDirection.FROM_PARTY_A,
  2: CallRecordDirection.ABNORMAL,
};

/** The meaning of a wire `direction`; null for a value push-api.md does not list. */
export function toCallRecordDirection(wire: number): CallRecordDirection | null {
  return Object.prototype.hasOwnProperty.call(FROM_WIRE, wire) ? FROM_WIRE[wire]! : null;
}
