import { ErrorCode, GatewayError } from '../../errors';

/**
 * Open WebSockets per client address. The HTTP server asks before each upgrade (`tryOpen`) and answers 429
 * when the address already has `maxPerClient`; the count drops when the TCP socket closes. One instance per
 * gateway.
 */
export class ClientSockets {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerClient: number) {}

  /** True (and counted) when the address may open one more; `release` it once that socket closes. */
  tryOpen(address: string): boolean {
    const count = this.open.get(address) ?? 0;
    if (count >= this.maxPerClient) return false;
    this.open.set(address, count + 1);
    return true;
  }

  release(address: string): void {
    const count = (this.open.get(address) ?? 1) - 1;
    if (count <= 0) this.open.delete(address);
    else this.open.set(address, count);
  }
}

/** The error a subscribe gets when its socket already runs `limit` operations; the socket stays open. */
export function tooManyOperationsError(limit: number): GatewayError {
  return new GatewayError(ErrorCode.TooManyOperations, `This socket already runs ${limit} operations; complete one first`, { limit });
}
