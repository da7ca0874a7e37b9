import { IpLockout } from '../../../src/emulator/auth/lockout';
import { NonceCache } from '../../../src/emulator/auth/nonce-cache';
import { createClock } from '../../../src/emulator/clock';
import { FaultInjector } from '../../../src/emulator/http/faults';
import { RequestCounter } from '../../../src/emulator/http/request-counter';
import { freeExtension, isExtension } from '../../../src/emulator/modes/axe-extensions';
import { formatCursor } from '../../../src/emulator/modes/axe.query';
import type { AxeBinding } from '../../../src/emulator/modes/axe.store';
import { AxeStore } from '../../../src/emulator/modes/axe.store';

describe('FaultInjector', () => {
  test('first matching fault, consumed count by count; flow control when none matches', () => {
    const f = new FaultInjector(403);
    f.inject({ method: 'get', uri: '/a', count: 2, response: 'drop' });
    f.inject({ count: 1, response: { delayMs: 5 } });
    expect(f.take('POST', '/a')).toEqual({ kind: 'delay', ms: 5 });
    expect(f.take('GET', '/a')).toEqual({ kind: 'drop' });
    expect(f.take('GET', '/a')).toEqual({ kind: 'drop' });
    expect(f.take('GET', '/a')).toBeUndefined();
    f.setFlowControl(true);
    expect(f.take('GET', '/b')).toEqual({ kind: 'answer', result: { httpStatus: 403, resultcode: '1010010', resultdesc: 'The flow control upper limit is reached on the platform.' } });
    expect(() => f.inject({ count: 0, response: 'drop' })).toThrow();
  });
});

describe('RequestCounter', () => {
  test('counts per method and path', () => {
    const c = new RequestCounter();
    c.record('GET', '/a');
    c.record('GET', '/a');
    c.record('PUT', '/a');
    expect([c.count(), c.count({ method: 'get' }), c.count({ uri: '/a', method: 'PUT' }), c.count({ uri: '/b' })]).toEqual([3, 2, 1, 0]);
  });
});

describe('IpLockout and NonceCache', () => {
  test('threshold failures inside the window lock for the lock time; 0 disables', () => {
    let now = 0;
    const clock = createClock(() => now, 0.5);
    const lock = new IpLockout(clock, 2, clock.scaled(300), clock.scaled(1800));
    lock.recordFailure('a');
    lock.recordFailure('a');
    expect([lock.isLocked('a'), lock.isLocked('b')]).toEqual([true, false]);
    now += 900_000 - 1;
    expect(lock.isLocked('a')).toBe(true);
    now += 1;
    expect(lock.isLocked('a')).toBe(false);
    const off = new IpLockout(clock, 0, 1, 1);
    for (let i = 0; i < 50; i += 1) off.recordFailure('a');
    expect(off.isLocked('a')).toBe(false);
  });

  test('a nonce is accepted once per app within the keep time', () => {
    const cache = new NonceCache(1000);
    expect([cache.claim('k', 'n', 0), cache.claim('k', 'n', 500), cache.claim('j', 'n', 500), cache.claim('k', 'n', 1000)]).toEqual([true, false, true, true]);
  });
});

describe('AXE extensions and cursor keys', () => {
  test('extensions have the app length, never all zeros; the lowest free one is assigned', () => {
    expect([isExtension('0001', 4), isExtension('0000', 4), isExtension('1', 4), isExtension('9', 1), isExtension('a', 1)]).toEqual([true, false, false, true, false]);
    const used = ['01', '02', '04'].map((extendNum) => ({ extendNum }) as AxeBinding);
    expect(freeExtension(used, 2)).toBe('03');
    expect(freeExtension(Array.from({ length: 9 }, (_, i) => ({ extendNum: String(i + 1) }) as AxeBinding), 1)).toBeUndefined();
  });

  test('keys only grow, even when the clock goes back; cursors are 13-digit ms + sequence', () => {
    const store = new AxeStore();
    const a = store.nextKey(5000);
    const b = store.nextKey(4000);
    expect(b.ms).toBe(5000);
    expect(b.seq).toBeGreaterThan(a.seq);
    expect(formatCursor({ ms: 1704103200000, seq: 7 })).toBe('1704103200000_7');
    expect(formatCursor({ ms: 5, seq: 1 })).toBe('0000000000005_1');
  });
});
