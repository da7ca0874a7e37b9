/**
 * One REST interface of the platform (rest-api.md §0): what the retry rules and error reports need to know
 * about it. `safe` is true only for reads: sending one twice cannot change anything on the platform.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Operation {
  /** Inventory id and short name, e.g. `AXB-1 bind`. */
  readonly name: string;
  readonly method: HttpMethod;
  readonly uri: string;
}

/** GET is the only method the platform uses for reads; every other method may change state. */
export function isRead(method: HttpMethod): boolean {
  switch (method) {
    case 'GET':
      return true;
    case 'POST':
    case 'PUT':
    case 'DELETE':
      return false;
  }
}

/** Why a platform call was cut short: its caller's signal, its own deadline, or the client shutting down. */
export type CallEnd = 'caller' | 'deadline' | 'closed';

/**
 * The signals of one platform call. `deadlineMs` runs from the call's start and covers the wait for a slot,
 * every attempt and the backoff between them. `signal` (caller, deadline or shutdown) cuts everything;
 * `writeSignal` (deadline or shutdown) is the one a write already sent listens to, so a caller that goes
 * away does not leave a bind's outcome unknown. `dispose()` clears the timer.
 */
export class CallScope {
  readonly signal: AbortSignal;
  readonly writeSignal: AbortSignal;
  private readonly deadline = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(
    deadlineMs: number,
    private readonly closed: AbortSignal,
    private readonly caller: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => this.deadline.abort(new Error(`platform call deadline of ${deadlineMs} ms passed`)), deadlineMs);
    this.writeSignal = AbortSignal.any([this.deadline.signal, closed]);
    this.signal = caller ? AbortSignal.any([this.writeSignal, caller]) : this.writeSignal;
  }

  /** Which signal ended the call, if any; the caller's own abort wins, then shutdown, then the deadline. */
  ended(): CallEnd | undefined {
    if (this.caller?.aborted) return 'caller';
    if (this.closed.aborted) return 'closed';
    if (this.deadline.signal.aborted) return 'deadline';
    return undefined;
  }

  /** The caller's reason (rethrown as is: the GraphQL layer knows it). */
  get callerReason(): unknown {
    return this.caller?.reason;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
