import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import type { Operation } from './operation';
import { PlatformError, isPlatformFault } from './platform-error';

export interface CircuitOptions {
  /** Consecutive platform faults (`isPlatformFault`) that open the circuit; 0 = never open. */
  failures: number;
  /** How long the circuit stays open before one call is let through to try, milliseconds. */
  halfOpenMs: number;
}

/**
 * The circuit breaker of one platform access address (cockatiel). Only platform faults count (timeouts,
 * broken connections, wrong shapes, 5xx, 1010001), never a business refusal. While open, calls are refused
 * before they queue for a slot; after `halfOpenMs` one call goes through, and its outcome closes or reopens
 * the circuit. While that call runs the others are refused too, rather than wait for it.
 */
export class PlatformCircuit {
  private readonly policy: CircuitBreakerPolicy | null;
  private openedAt = 0;

  constructor(private readonly options: CircuitOptions) {
    if (options.failures < 1) {
      this.policy = null;
      return;
    }
    this.policy = circuitBreaker(
      handleWhen((err) => err instanceof PlatformError && isPlatformFault(err)),
      { halfOpenAfter: options.halfOpenMs, breaker: new ConsecutiveBreaker(options.failures) },
    );
    this.policy.onBreak(() => {
      this.openedAt = Date.now();
    });
  }

  /** `closed`, `open` or `half-open`, for logs and tests. */
  get state(): 'closed' | 'open' | 'half-open' {
    const state = this.policy?.state ?? CircuitState.Closed;
    switch (state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.Open:
      case CircuitState.Isolated:
        return 'open';
      case CircuitState.HalfOpen:
        return 'half-open';
    }
  }

  /** Throws `unavailable` at once when the circuit refuses calls now (open and not yet due, or half-open). */
  check(operation: Operation): void {
    if (!this.policy) return;
    const state = this.policy.state;
    const due = state === CircuitState.Open && Date.now() - this.openedAt >= this.options.halfOpenMs;
    if ((state === CircuitState.Open && !due) || state === CircuitState.HalfOpen || state === CircuitState.Isolated) {
      throw circuitOpen(operation);
    }
  }

  /** Runs one attempt through the breaker; a refusal by the breaker becomes PlatformError `unavailable`. */
  async run<T>(operation: Operation, attempt: () => Promise<T>): Promise<T> {
    if (!this.policy) return attempt();
    // Checked in the same tick as `execute`, which moves Open → HalfOpen synchronously: no call ever waits
    // inside cockatiel for the half-open call's outcome.
    this.check(operation);
    try {
      return await this.policy.execute(attempt);
    } catch (err) {
      if (err instanceof BrokenCircuitError) throw circuitOpen(operation);
      throw err;
    }
  }
}

function circuitOpen(operation: Operation): PlatformError {
  return new PlatformError(operation, { kind: 'unavailable', retryable: true, reason: 'circuit open: the platform failed repeatedly' });
}
