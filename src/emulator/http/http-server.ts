import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from '../../shared/logger';
import { UnreachableCaseError } from '../../shared/unreachable';
import { invalidParameter } from '../result';
import { CONTROL_PREFIX, type ControlEndpoint } from './control';
import type { FaultInjector } from './faults';
import type { Pipeline } from './pipeline';
import { JSON_CONTENT_TYPE, refuse, type Reply } from './reply';
import type { RequestCounter } from './request-counter';

export interface HttpServerDeps {
  pipeline: Pipeline;
  faults: FaultInjector;
  counter: RequestCounter;
  logger: Logger;
  maxBodyBytes: number;
  /** `--control`: serves `/_control/…` before counting and faults. Absent: those paths are ordinary unknown URIs. */
  control?: ControlEndpoint;
}

/**
 * The emulator's transport: node:http, short connections (every answer says `Connection: close` and the
 * socket is closed after it, rest-api.md §1). Counts each request, applies injected faults, then hands the
 * request to the pipeline. The control endpoint, when on, is answered first and neither counted nor faulted.
 */
export class EmulatorHttpServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly delays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private closing = false;

  constructor(private readonly deps: HttpServerDeps) {
    this.server = createServer((req, res) => {
      this.onRequest(req, res).catch((err: unknown) => {
        this.deps.logger.error({ err }, 'emulator transport failed');
        req.socket.destroy();
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts listening; resolves with the bound port. */
  async listen(host: string, port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** Stops accepting, cancels delayed requests and closes every open socket. */
  async close(): Promise<void> {
    this.closing = true;
    for (const d of this.delays) {
      clearTimeout(d.timer);
      d.resolve();
    }
    this.delays.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, this.deps.maxBodyBytes);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (this.deps.control && url.pathname.startsWith(CONTROL_PREFIX)) {
      return this.send(req, res, body === undefined ? { kind: 'json', status: 413, body: { error: { field: 'body', message: 'too large' } } } : this.deps.control.handle(method, url.pathname, body));
    }
    this.deps.counter.record(method, url.pathname);
    if (body === undefined) return this.send(req, res, refuse(invalidParameter('body', 'The body is too large.')));
    const action = this.deps.faults.take(method, url.pathname);
    switch (action?.kind) {
      case 'drop':
        return this.send(req, res, { kind: 'drop' });
      case 'answer':
        return this.send(req, res, refuse(action.result));
      case 'garbage':
        return this.sendGarbage(req, res);
      case 'delay':
        await this.wait(action.ms);
        break;
      case 'slowBody':
      case 'resetAfterHandling':
      case undefined:
        break;
      default:
        throw new UnreachableCaseError(action);
    }
    if (this.closing) return;
    const origin = `http://${req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`}`;
    const reply = this.deps.pipeline.handle({ method, path: url.pathname, query: url.searchParams, headers: req.headers, body, ip: req.socket.remoteAddress ?? '', origin });
    if (action?.kind === 'resetAfterHandling') return void req.socket.destroy();
    if (action?.kind === 'slowBody') return this.sendHalf(res, reply);
    this.send(req, res, reply);
  }

  /** 200 with a body that is no JSON at all. */
  private sendGarbage(req: IncomingMessage, res: ServerResponse): void {
    const text = '<html>\u0000 not json';
    res.once('finish', () => req.socket.end());
    res.writeHead(200, { connection: 'close', 'content-type': JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  /** Status, headers and the first half of the body, never the rest: the socket stays open until close(). */
  private sendHalf(res: ServerResponse, reply: Reply): void {
    const text = JSON.stringify(reply.kind === 'json' ? reply.body : {});
    res.writeHead(reply.kind === 'json' ? reply.status : 200, { connection: 'close', 'content-type': JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) + 1 });
    res.write(text.slice(0, Math.floor(text.length / 2)));
  }

  private send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
    const close = { connection: 'close' };
    // The platform closes first after answering; Node also ends the socket for `Connection: close`.
    if (reply.kind !== 'drop') res.once('finish', () => req.socket.end());
    switch (reply.kind) {
      case 'json': {
        const text = JSON.stringify(reply.body);
        res.writeHead(reply.status, { ...close, 'content-type': reply.contentType ?? JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
        res.end(text);
        this.log(req, reply.status, String(reply.body.resultcode ?? ''));
        break;
      }
      case 'redirect':
        res.writeHead(301, { ...close, location: reply.location, 'content-length': 0 });
        res.end();
        this.log(req, 301, '');
        break;
      case 'binary':
        res.writeHead(reply.status, { ...close, 'content-type': reply.contentType, 'content-length': reply.body.length });
        res.end(reply.body);
        break;
      case 'empty':
        res.writeHead(reply.status, { ...close, 'content-length': 0 });
        res.end();
        this.log(req, reply.status, '');
        break;
      case 'drop':
        req.socket.destroy();
        return;
      default:
        throw new UnreachableCaseError(reply);
    }
  }

  private log(req: IncomingMessage, status: number, resultcode: string): void {
    const path = (req.url ?? '').split('?')[0];
    this.deps.logger.debug({ method: req.method, path, status, resultcode }, 'emulator request');
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = { timer: setTimeout(() => (this.delays.delete(entry), resolve()), ms), resolve };
      this.delays.add(entry);
    });
  }
}

/** The whole body, or undefined when it exceeds `max` bytes (the rest is discarded). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= max ? Buffer.concat(chunks) : undefined));
    req.on('error', () => resolve(undefined));
  });
}
