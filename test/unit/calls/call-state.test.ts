import { applyEvent, applyRecord, type CallEventInput, type CallSnapshot, durationSeconds, EMPTY_CALL } from '../../../src/calls/call-state';

const t = (s: number): Date => new Date(Date.UTC(2024, 4, 6, 1, 15, s));
const events: CallEventInput[] = [
  { type: 'callin', occurredAt: t(0) },
  { type: 'callout', occurredAt: t(1) },
  { type: 'alerting', occurredAt: t(3) },
  { type: 'answer', occurredAt: t(7) },
  { type: 'disconnect', occurredAt: t(52), stateCode: 0, stateDesc: 'The user releases the call.' },
];
const play = (list: CallEventInput[]): CallSnapshot => list.reduce(applyEvent, EMPTY_CALL);

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('call state machine', () => {
  it('walks an answered call forward to ENDED with its times', () => {
    const call = play(events);
    expect(call).toMatchObject({ state: 'ENDED', startedAt: t(0), ringingAt: t(3), answeredAt: t(7), endedAt: t(52), hangupCode: 0 });
    expect(durationSeconds(call)).toBe(45);
  });

  it('reaches the same call whatever order the pushes arrive in, and with duplicates', () => {
    const expected = play(events);
    for (const order of permutations(events)) expect(play([...order, ...order.slice(0, 2)])).toEqual(expected);
  });

  it('never reopens: disconnect before answer ends ENDED and the late answer keeps it ended', () => {
    const call = play([events[0], events[4], events[3]]);
    expect(call.state).toBe('ENDED');
    expect(call.answeredAt).toEqual(t(7));
  });

  it('ends FAILED when released with a failure code and never answered', () => {
    const call = play([events[0], events[2], { type: 'disconnect', occurredAt: t(30), stateCode: 8102, stateDesc: 'busy' }]);
    expect(call).toMatchObject({ state: 'FAILED', hangupCode: 8102 });
    expect(durationSeconds(call)).toBe(0);
  });

  it('lets the CDR settle the call', () => {
    const partial = play([events[0], events[1]]);
    const settled = applyRecord(partial, { callStartedAt: t(0), ringingAt: t(3), answeredAt: t(7), endedAt: t(52), teardownPoint: 0 });
    expect(settled).toMatchObject({ state: 'ENDED', answeredAt: t(7), endedAt: t(52) });
    const failed = applyRecord(partial, { callStartedAt: t(0), ringingAt: null, answeredAt: null, endedAt: t(9), teardownPoint: 8014 });
    expect(failed).toMatchObject({ state: 'FAILED', hangupCode: 8014 });
  });
});
