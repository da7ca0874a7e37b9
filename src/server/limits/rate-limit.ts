import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { LimitsConfig } from '../../config';
import { ErrorCode, GatewayError } from '../../errors';

/** Allowed, or refused with how long until the next one would be, milliseconds. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Operation rates, in this process's memory: per client address across HTTP and WebSocket
 * (`clientOperationsPerSecond`) and per WebSocket (`socketMessagesPerSecond`). One instance per gateway,
 * built by the composition root. A refusal answers that one operation RATE_LIMITED; it never closes a socket.
 * The address is the TCP peer's: behind a proxy every client shares the proxy's budget.
 */
export class OperationRates {
  private readonly perClient: RateLimiterMemory;
  private readonly perSocket: RateLimiterMemory;

  constructor(limits: Pick<LimitsConfig, 'clientOperationsPerSecond' | 'socketMessagesPerSecond'>) {
    this.perClient = new RateLimiterMemory({ keyPrefix: 'client', points: limits.clientOperationsPerSecond, duration: 1 });
    this.perSocket = new RateLimiterMemory({ keyPrefix: 'socket', points: limits.socketMessagesPerSecond, duration: 1 });
  }

  /** Counts one operation of the client at `address` (HTTP request or WebSocket subscribe). */
  client(address: string): Promise<RateDecision> {
    return decide(this.perClient, address);
  }

  /** Counts one subscribe message on the socket `socketId`. */
  socket(socketId: string): Promise<RateDecision> {
    return decide(this.perSocket, socketId);
  }
}

async function decide(limiter: RateLimiterMemory, key: string): Promise<RateDecision> {
  try {
    await limiter.consume(key, 1);
    return { allowed: true };
  } catch (res) {
    if (res instanceof RateLimiterRes) return { allowed: false, retryAfterMs: Math.max(1, res.msBeforeNext) };
    throw res;
  }
}

/** The public RATE_LIMITED error of a refused operation; `retryAfterSeconds` in its extensions. */
export function rateLimitedError(retryAfterMs: number): GatewayError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GatewayError(ErrorCode.RateLimited, `Too many operations; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
}
