import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { withTimeout } from './with-timeout';

/** A live subscription whose results queue up until a test takes them. */
export interface Subscription<T> {
  /** The next `count` results, failing after `ms`. */
  take(count: number, ms?: number): Promise<T[]>;
  /** Resolves once the server acknowledged the subscription by sending nothing for `ms` (no error). */
  readonly errors: unknown[];
  dispose(): void;
}

/**
 * Subscribes with a real graphql-ws client. Results carrying errors fail the next `take`. Subscribe first,
 * trigger, then take with a timeout: never sleep.
 */
export function subscribe<T, V>(client: Client, document: TypedDocumentNode<T, V>, variables?: V): Subscription<T> {
  const queue: T[] = [];
  const errors: unknown[] = [];
  let wake: (() => void) | null = null;
  const dispose = client.subscribe<T>(
    { query: print(document), variables: variables as Record<string, unknown> | undefined },
    {
      next: (r) => {
        if (r.errors?.length) errors.push(r.errors);
        else if (r.data) queue.push(r.data as T);
        wake?.();
      },
      error: (err) => {
        errors.push(err);
        wake?.();
      },
      complete: () => wake?.(),
    },
  );
  const take = async (count: number, ms = 10_000): Promise<T[]> => {
    const wait = async (): Promise<T[]> => {
      while (queue.length < count) {
        if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors[0])}`);
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors[0])}`);
      return queue.splice(0, count);
    };
    return withTimeout(wait(), ms, `${count} subscription result(s) (have ${queue.length})`);
  };
  return { take, errors, dispose };
}
