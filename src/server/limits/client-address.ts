import type { IncomingMessage } from 'node:http';

/**
 * The key of the per-client limits (operation rate, open sockets): the TCP peer address. Forwarding headers
 * are not trusted; behind a proxy every client shares the proxy's budget.
 */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
