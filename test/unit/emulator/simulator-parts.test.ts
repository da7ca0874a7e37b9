import { ActivityTracker } from '../../../src/emulator/simulator/activity';
import { isHangupCode, q850Of, rangBefore, stateDescOf } from '../../../src/emulator/simulator/hangup-codes';
import { compactTime, IdFactory } from '../../../src/emulator/simulator/ids';
import { OrderedChannels } from '../../../src/emulator/simulator/ordered-channels';
import { postJson } from '../../../src/emulator/simulator/push-http';
import { PushLog } from '../../../src/emulator/simulator/push-log';
import { pushUrl } from '../../../src/emulator/simulator/push-targets';
import { resolveSimulatorOptions } from '../../../src/emulator/simulator/simulator-options';

describe('pushUrl', () => {
  test('a kind falls back to default; number status to the call status address first', () => {
    const push = { default: 'http://d', callStatus: 'http://c', fee: 'http://f' };
    expect(pushUrl(push, 'fee')).toBe('http://f');
    expect(pushUrl(push, 'smsNotify')).toBe('http://d');
    expect(pushUrl(push, 'numStatus')).toBe('http://c');
    expect(pushUrl({ numStatus: 'http://n' }, 'numStatus')).toBe('http://n');
    expect(pushUrl(undefined, 'callStatus')).toBeUndefined();
    expect(pushUrl({ fee: 'http://f' }, 'callStatus')).toBeUndefined();
  });
});

describe('OrderedChannels', () => {
  test('tasks of a key run one after the other, even after a failure; keys are independent', async () => {
    const channels = new OrderedChannels();
    const log: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const first = channels.run('s1', () => new Promise<void>((resolve) => (releaseFirst = () => (log.push('s1-a'), resolve()))));
    const failing = channels.run('s1', async () => {
      log.push('s1-b');
      throw new Error('boom');
    });
    const third = channels.run('s1', async () => void log.push('s1-c'));
    await channels.run('s2', async () => void log.push('s2-a'));
    expect(log).toEqual(['s2-a']);
    releaseFirst();
    await first;
    await expect(failing).rejects.toThrow('boom');
    await third;
    expect(log).toEqual(['s2-a', 's1-a', 's1-b', 's1-c']);
  });
});

describe('ActivityTracker', () => {
  test('idle once every hold is released (twice is harmless); reset wakes waiters', async () => {
    const a = new ActivityTracker();
    await a.idle();
    const r1 = a.hold();
    const r2 = a.hold();
    let idle = false;
    const waiting = a.idle().then(() => (idle = true));
    r1();
    r1();
    await Promise.resolve();
    expect(idle).toBe(false);
    r2();
    await waiting;
    expect(idle).toBe(true);
    a.hold();
    const afterReset = a.idle();
    a.reset();
    await afterReset;
    expect(a.busy).toBe(false);
  });
});

describe('hang-up codes', () => {
  test('descriptions, Q.850 causes and ringing', () => {
    expect(stateDescOf(0)).toBe('The user releases the call.');
    expect(isHangupCode(8101)).toBe(true);
    expect(isHangupCode(1234)).toBe(false);
    expect([q850Of(8101), q850Of(8102), q850Of(8100)]).toEqual([19, 17, 1]);
    expect([rangBefore(8101), rangBefore(8102)]).toEqual([true, false]);
  });
});

describe('ids', () => {
  test('shapes of sessionId, icid, smsIdentifier, recording names; unique', () => {
    const ids = new IdFactory('callenabler01.emulator.invalid');
    const ms = Date.UTC(2024, 4, 6, 1, 15, 40);
    expect(compactTime(ms)).toBe('20240506011540');
    const a = ids.sessionId(ms);
    expect(a).toMatch(/^1200_1_\d+_20240506011540@callenabler01\.emulator\.invalid$/);
    expect(ids.sessionId(ms)).not.toBe(a);
    expect(ids.icid()).toMatch(/^[0-9a-f]{32}\.\d{10}\.\d{9}\.5$/);
    expect(ids.smsIdentifier(ms).length).toBeLessThanOrEqual(64);
    expect(ids.recordingName(ms)).toMatch(/^20240506011540_\d+_[0-9a-f]{8}\.wav$/);
  });
});

describe('resolveSimulatorOptions', () => {
  test('defaults: the platform retry schedule, 10 s timeout, batches of 50 within 100 ms', () => {
    const o = resolveSimulatorOptions();
    expect(o.retryScheduleSeconds).toEqual([60, 240, 540, 6360, 12180, 18000]);
    expect([o.pushTimeoutMs, o.cdrBatchMax, o.cdrBatchWindowMs, o.smsBlockDeadlineMs, o.pushScheme]).toEqual([10000, 50, 100, 5000, 'aksk']);
    expect(resolveSimulatorOptions({ timings: { ringSeconds: 9 } }).timings).toEqual({ collectSeconds: 3, calloutSeconds: 1, alertingSeconds: 2, ringSeconds: 9 });
  });
});

describe('PushLog', () => {
  test('beyond maxEntries the oldest finished pushes are forgotten; ids keep growing', () => {
    const log = new PushLog(new ActivityTracker(), 2);
    const add = () => log.add({ kind: 'numStatus', app: 'a', url: 'http://127.0.0.1:1/', body: { eventType: 'numStatus', numInfo: [] } });
    const first = add();
    const second = add();
    second.state = 'delivered';
    add();
    expect(log.all().map((r) => r.id)).toEqual([1, 3]);
    first.state = 'gaveUp';
    add();
    expect(log.all().map((r) => r.id)).toEqual([3, 4]);
  });
});

describe('postJson', () => {
  test('never rejects: an unusable address or a refused connection is an error outcome', async () => {
    expect(await postJson('not a url', {}, '{}', 1000).outcome).toEqual({ error: expect.any(String) });
    expect(await postJson('http://127.0.0.1:1/', {}, '{}', 1000).outcome).toEqual({ error: expect.stringMatching(/ECONNREFUSED/) });
  });
});
