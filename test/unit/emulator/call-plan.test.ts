import { planCall } from '../../../src/emulator/simulator/call-plan';
import type { CallBinding, CallRoute } from '../../../src/emulator/simulator/call-route';
import { DEFAULT_CALL_TIMINGS } from '../../../src/emulator/simulator/simulator-options';

const binding = (maxDurationMinutes = 0): CallBinding => ({ subscriptionId: 'sub-1', recordFlag: false, maxDurationMinutes });
const connectRoute = (extra: Partial<Extract<CallRoute, { kind: 'connect' }>> = {}): CallRoute =>
  ({ kind: 'connect', direction: 1, binding: binding(), display: '+8617100000001', destination: '+8613900139000', ...extra });
const answered = { answer: true, talkSeconds: 30, hangupCode: 8101 };
const rows = (route: CallRoute, callee = answered) => planCall(route, callee, DEFAULT_CALL_TIMINGS).map((s) => [s.event, s.at, 'code' in s ? s.code : undefined]);

describe('planCall', () => {
  test('answered: callin, callout +1, alerting +2, answer +5, disconnect 0 after the talk', () => {
    expect(rows(connectRoute())).toEqual([['callin', 0, undefined], ['callout', 1, undefined], ['alerting', 3, undefined], ['answer', 8, undefined], ['disconnect', 38, 0]]);
  });

  test('AXE: collectInfo 3 s after callin, then the rest', () => {
    expect(rows(connectRoute({ digits: '123' })).map((r) => r[0])).toEqual(['callin', 'collectInfo', 'callout', 'alerting', 'answer', 'disconnect']);
    expect(rows(connectRoute({ digits: '123' }))[1]).toEqual(['collectInfo', 3, undefined]);
  });

  test('maxDuration shorter than the talk: 8010 at the limit', () => {
    expect(rows(connectRoute({ binding: binding(1) }), { ...answered, talkSeconds: 61 }).at(-1)).toEqual(['disconnect', 68, 8010]);
    expect(rows(connectRoute({ binding: binding(1) }), { ...answered, talkSeconds: 60 }).at(-1)).toEqual(['disconnect', 68, 0]);
  });

  test('unanswered: rings then the code; a code where the callee never rang has no alerting', () => {
    expect(rows(connectRoute(), { answer: false, talkSeconds: 30, hangupCode: 8101 })).toEqual([['callin', 0, undefined], ['callout', 1, undefined], ['alerting', 3, undefined], ['disconnect', 8, 8101]]);
    expect(rows(connectRoute(), { answer: false, talkSeconds: 30, hangupCode: 8104 })).toEqual([['callin', 0, undefined], ['callout', 1, undefined], ['disconnect', 3, 8104]]);
  });

  test('refused: callin then the disconnect, after collectInfo when digits were keyed', () => {
    expect(rows({ kind: 'refuse', direction: 2, code: 8014 })).toEqual([['callin', 0, undefined], ['disconnect', 1, 8014]]);
    expect(rows({ kind: 'refuse', direction: 2, code: 8022, digits: '9' })).toEqual([['callin', 0, undefined], ['collectInfo', 3, undefined], ['disconnect', 4, 8022]]);
  });
});
