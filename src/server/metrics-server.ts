import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Disposable } from '../shared/disposable';
import type { Logger } from '../shared/logger';
import { urlHost } from './http-server';
import type { GatewayMetrics } from './metrics';
import { sendMethodNotAllowed, sendNotFound } from './respond';

/**
 * `metrics.port`: /metrics alone, without a token, on a second node:http server bound to the gateway's host,
 * for a scraper that reaches a port the public does not. Everything else there answers 404.
 */
export class MetricsServer implements Disposable {
  private readonly server: Server;

  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly logger: Logger,
  ) {
    this.server = createServer((req, res) => void this.onRequest(req, res));
  }

  listen(port: number, host: string): Promise<{ url: string }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve({ url: `http://${urlHost(host)}:${(this.server.address() as AddressInfo).port}` });
      });
    });
  }

  /** Stops listening and cuts open connections: a scrape in flight is not worth waiting for. */
  dispose(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/metrics') return sendNotFound(res);
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendMethodNotAllowed(res, ['GET']);
      const body = await this.metrics.render();
      res.writeHead(200, { 'content-type': this.metrics.contentType, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      this.logger.error({ err }, 'metrics request failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  }
}
