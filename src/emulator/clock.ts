/**
 * Emulated time. `now()` is the wall clock in epoch milliseconds (injectable so tests move time by hand);
 * `scaled(seconds)` turns a platform duration into emulated milliseconds: real duration × timeScale.
 * Everything with a platform lifetime (bindings, temporary callees, recordings, lock-outs) goes through
 * `scaled`; the auth window does not, because it measures clock skew between two real clocks.
 */
export interface Clock {
  now(): number;
  scaled(seconds: number): number;
}

export function createClock(now: () => number, timeScale: number): Clock {
  return { now, scaled: (seconds) => seconds * 1000 * timeScale };
}
