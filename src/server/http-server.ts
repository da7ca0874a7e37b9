import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { GraphqlWsServer } from './graphql-ws';
import { clientAddress } from './limits/client-address';
import { requestIdFrom } from './request-id';
import { handleRoute, routeOf, type RouteDeps, type ServerPhase } from './routes';

export type { WebhookHandler, WebhookRequest, WebhookResponse, ServerPhase } from './routes';

export interface HttpServerOptions extends Omit<RouteDeps, 'phase'> {
  ws: GraphqlWsServer;
  /** How long `close()` waits for in-flight requests and WebSocket close handshakes, milliseconds. */
  drainTimeoutMs: number;
}

/**
 * The one node:http server: /graphql (Apollo over HTTP, GraphiQL for browsers, graphql-ws on `upgrade`),
 * /webhooks/<app>, /healthz, /readyz, /metrics. Starts in phase "starting"; the composition root moves it
 * to "ready" once every dependency is up.
 */
export class HttpServer {
  private readonly server: Server;
  private phase: ServerPhase = 'starting';
  private inFlight = 0;
  private closing: Promise<void> | null = null;

  constructor(private readonly options: HttpServerOptions) {
    const deps: RouteDeps = { ...options, phase: () => this.phase };
    this.server = createServer((req, res) => void this.onRequest(deps, req, res));
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(req, socket, head));
    this.server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  /** Listens; resolves with the bound port and a base URL clients on this machine can use. */
  listen(port: number, host: string): Promise<{ port: number; url: string }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const bound = (this.server.address() as AddressInfo).port;
        resolve({ port: bound, url: `http://${urlHost(host)}:${bound}` });
      });
    });
  }

  setPhase(phase: ServerPhase): void {
    this.phase = phase;
  }

  /**
   * Graceful stop: refuse new connections, close WebSockets with 1001, let in-flight requests finish (up to
   * `drainTimeoutMs`), then cut whatever is left. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= this.drain();
    return this.closing;
  }

  private async drain(): Promise<void> {
    this.phase = 'stopping';
    const closed = new Promise<void>((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
    });
    this.server.closeIdleConnections();
    await this.options.ws.close(this.options.drainTimeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.drainTimeoutMs);
    });
    if ((await Promise.race([closed, deadline])) === 'timeout') {
      this.options.logger.warn({ inFlight: this.inFlight }, 'requests still running at the drain deadline; closing their connections');
      this.server.closeAllConnections();
      await closed;
    }
    clearTimeout(timer);
  }

  private async onRequest(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers['x-request-id']);
    const route = routeOf(new URL(req.url ?? '/', 'http://localhost').pathname);
    this.inFlight++;
    res.setHeader('x-request-id', requestId);
    if (this.phase === 'stopping') res.setHeader('connection', 'close');
    res.once('close', () => {
      this.inFlight--;
      this.options.metrics.httpRequest(route, req.method ?? 'GET', res.statusCode, (performance.now() - started) / 1000);
      if (this.phase === 'stopping') this.server.closeIdleConnections();
    });
    try {
      await handleRoute(deps, req, res, requestId);
    } catch (err) {
      this.options.logger.error({ err, requestId, route }, 'request failed');
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
        res.end(JSON.stringify({ error: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', requestId }));
      } else res.destroy();
    }
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/graphql') return refuse(socket, '404 Not Found');
    // A browser page of another origin must not open a socket in its visitor's name (cross-site WebSocket
    // hijacking): the same allow-list as CORS. No Origin header = not a browser, allowed.
    const origin = req.headers.origin;
    if (origin !== undefined && !this.options.origins.allows(origin, req.headers.host)) {
      this.options.logger.warn({ origin }, 'WebSocket upgrade from an origin outside cors.allowedOrigins; refused');
      return refuse(socket, '403 Forbidden');
    }
    if (this.phase !== 'ready') return refuse(socket, '503 Service Unavailable');
    // Sockets per client address: the one beyond the limit is refused before the WebSocket handshake.
    const address = clientAddress(req);
    const sockets = this.options.limits.sockets;
    if (!sockets.tryOpen(address)) return refuse(socket, '429 Too Many Requests');
    socket.once('close', () => sockets.release(address));
    this.options.ws.handleUpgrade(req, socket, head);
  }
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** 0.0.0.0 / :: are not addresses to connect to; use loopback for the URL this process prints and pushes to. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
