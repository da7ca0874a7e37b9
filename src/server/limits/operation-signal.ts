import { ErrorCode, GatewayError } from '../../errors';

/**
 * The abort signal of one operation (`ctx.signal`), passed down to platform calls. It aborts when the
 * operation's deadline passes (reason: OPERATION_TIMEOUT) or when its client goes away (reason:
 * OPERATION_CANCELLED): a closed HTTP request, a closed WebSocket, a completed subscription.
 */
export interface OperationSignal {
  readonly signal: AbortSignal;
  /** Resolves with the OPERATION_TIMEOUT error once the deadline has passed and the signal is aborted; never without a deadline. */
  readonly expired: Promise<GatewayError>;
  /** The client went away: abort (no effect once aborted). */
  cancel(): void;
  /** The answer is out: the deadline no longer applies. */
  settle(): void;
}

/** `timeoutMs` null: no deadline (WebSocket operations live as long as their client wants). */
export function operationSignal(timeoutMs: number | null): OperationSignal {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<GatewayError>((resolve) => {
    if (timeoutMs === null) return;
    timer = setTimeout(() => {
      const error = new GatewayError(ErrorCode.OperationTimeout, `The operation did not finish within ${timeoutMs} ms and was stopped`, { limit: timeoutMs });
      controller.abort(error);
      resolve(error);
    }, timeoutMs);
    timer.unref();
  });
  return {
    signal: controller.signal,
    expired,
    cancel() {
      clearTimeout(timer);
      if (!controller.signal.aborted) controller.abort(new GatewayError(ErrorCode.OperationCancelled, 'The client went away; the operation was stopped'));
    },
    settle() {
      clearTimeout(timer);
    },
  };
}
