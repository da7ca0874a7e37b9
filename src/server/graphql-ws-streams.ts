import type { ExecutionResult } from 'graphql';
import { SlowConsumerError } from '../events/log-reader';
import { expiredTokenError } from './graphql-ws-errors';

/** What a subscription whose credential expired gets last: one UNAUTHENTICATED error, then completion. */
export function expiredSubscriptionResult(): ExecutionResult {
  return { errors: [expiredTokenError('subscribe again with a fresh one')] };
}

export function isAsyncIterable<T>(value: unknown): value is AsyncIterableIterator<T> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * A subscription's results until its stream is cut for falling behind: the socket is closing then
 * (SLOW_CONSUMER_CLOSE_CODE), so the end is silent instead of an INTERNAL_SERVER_ERROR message. A plain
 * iterator, not a generator: `return()` must reach the source at once, even while a `next()` waits.
 */
export function untilCut(source: AsyncIterableIterator<ExecutionResult>): AsyncIterableIterator<ExecutionResult> {
  const done: IteratorResult<ExecutionResult> = { value: undefined, done: true };
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () =>
      source.next().catch((err: unknown) => {
        if (err instanceof SlowConsumerError) return done;
        throw err;
      }),
    return: () => source.return?.() ?? Promise.resolve(done),
    throw: (err: unknown) => source.throw?.(err) ?? Promise.reject(err instanceof Error ? err : new Error(String(err))),
  };
  return iterator;
}

/**
 * A subscription of a principal whose token expires: its results until then, then one UNAUTHENTICATED
 * error, then completion (the source stream is closed). graphql-ws sends the error as a `next` message.
 */
export async function* untilExpiry(source: AsyncIterableIterator<ExecutionResult>, expiresAt: Date): AsyncGenerator<ExecutionResult> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), Math.max(0, expiresAt.getTime() - Date.now()));
  });
  try {
    for (;;) {
      const next = await Promise.race([source.next(), expiry]);
      if (next === 'expired') {
        yield expiredSubscriptionResult();
        return;
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    clearTimeout(timer);
    await source.return?.();
  }
}
