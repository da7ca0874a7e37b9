/**
 * Runs tasks of one key (a call's sessionId, an SMS's smsIdentifier) one after the other, keys
 * independently. The simulator queues each push of a call as a task that ends with the push's first
 * attempt: so a call's events leave in order and each waits for the previous one's first answer, while
 * retries of a failed event go on in the background and never hold the call's later events back.
 */
export class OrderedChannels {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` after every task queued before under `key`; a failing task does not stop the queue. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
