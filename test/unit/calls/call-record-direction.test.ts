import { CallRecordDirection, toCallRecordDirection } from '../../../src/calls/call-record-direction';

describe('toCallRecordDirection', () => {
  it('reads the documented values of a CDR direction (push-api.md §3.4)', () => {
    expect([0, 1, 2].map(toCallRecordDirection)).toEqual([CallRecordDirection.TO_PARTY_A, CallRecordDirection.FROM_PARTY_A, CallRecordDirection.ABNORMAL]);
  });

  it('gives no meaning to a value the documentation does not list', () => {
    expect([3, -1, 1.5].map(toCallRecordDirection)).toEqual([null, null, null]);
  });
});
