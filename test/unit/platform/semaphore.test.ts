import { Semaphore } from '../../../src/platform/semaphore';

describe('Semaphore', () => {
  test('never more than the limit at once; the rest run in order', async () => {
    const sem = new Semaphore(2);
    const gates: Array<() => void> = [];
    const started: number[] = [];
    let peak = 0;
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      sem.run(async () => {
        started.push(i);
        peak = Math.max(peak, sem.inUse);
        await new Promise<void>((resolve) => gates.push(resolve));
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    while (gates.length > 0) {
      gates.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(sem.inUse).toBe(0);
  });

  test('a failing task frees its slot', async () => {
    const sem = new Semaphore(1);
    await expect(sem.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(sem.run(async () => 'next')).resolves.toBe('next');
  });

  test('rejects a non-positive limit', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
