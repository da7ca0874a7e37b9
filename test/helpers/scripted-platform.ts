import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the scripted server saw it. */
export interface CapturedRequest {
  method: string;
  /** Path and raw (still percent-encoded) query string. */
  url: string;
  path: string;
  /** The raw query string without `?`, exactly as sent. */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * What the server does with one request.
 * - `answer`: status, headers and body (an object is sent as JSON, a string as is), then closes the connection.
 * - `destroy`: reads the request, then drops the connection without answering.
 * - `hang`: reads the request and never answers (until `stop()`).
 */
export type Reply =
  | { kind: 'answer'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'destroy' }
  | { kind: 'hang' };

export type Script = (request: CapturedRequest, index: number) => Reply | Promise<Reply>;

export interface ScriptedPlatformOptions {
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /**
   * Whether answers say `Connection: close` (default true). With false the answer looks reusable
   * (keep-alive) but the socket is still destroyed right after it: the harshest form of a short connection.
   */
  announceClose?: boolean;
  /**
   * Milliseconds between the end of an answer and the socket's destruction (default 0: at once). A small
   * delay opens the window in which a client that reuses connections sends its next request into a
   * closing socket.
   */
  closeDelayMs?: number;
}

export interface ScriptedPlatform {
  baseUrl: string;
  port: number;
  /** Every request received, in arrival order. */
  requests: CapturedRequest[];
  /** Highest number of requests open at the same time. */
  maxInFlight(): number;
  /** Requests whose client closed the connection before an answer was sent (a request the client aborted). */
  closedUnanswered(): number;
  /** Resolves once `closedUnanswered()` reaches `count`; rejects after `timeoutMs`. */
  waitForClosedUnanswered(count: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** `{"resultcode":"0","resultdesc":"Success", ...extra}` with HTTP 200. */
export function success(extra: Record<string, unknown> = {}): Reply {
  return { kind: 'answer', status: 200, body: { resultcode: '0', resultdesc: 'Success', ...extra } };
}

/** An error envelope with the given HTTP status. */
export function refusal(status: number, resultcode: string, resultdesc: string): Reply {
  return { kind: 'answer', status, body: { resultcode, resultdesc } };
}

/**
 * A local stand-in for the platform that answers from a script and behaves like it on the wire: every
 * answer says `Connection: close` (unless told otherwise) and the socket is destroyed right after the
 * response is written.
 */
export async function startScriptedPlatform(script: Script, options: ScriptedPlatformOptions = {}): Promise<ScriptedPlatform> {
  const { port = 0, announceClose = true, closeDelayMs = 0 } = options;
  const requests: CapturedRequest[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  let closedUnanswered = 0;
  const closeWaiters = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    res.once('close', () => {
      if (res.writableFinished) return;
      closedUnanswered += 1;
      for (const wake of closeWaiters) wake();
    });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const rawQuery = q < 0 ? '' : url.slice(q + 1);
      const captured: CapturedRequest = {
        method: req.method ?? '',
        url,
        path: q < 0 ? url : url.slice(0, q),
        rawQuery,
        query: new URLSearchParams(rawQuery),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = requests.push(captured) - 1;
      void Promise.resolve(script(captured, index)).then((reply) => {
        switch (reply.kind) {
          case 'answer': {
            const body = typeof reply.body === 'string' || reply.body === undefined ? (reply.body ?? '') : JSON.stringify(reply.body);
            res.writeHead(reply.status, {
              'content-type': 'application/json;charset=utf-8',
              ...reply.headers,
              ...(announceClose ? { connection: 'close' } : {}),
              'content-length': Buffer.byteLength(body),
            });
            res.end(body, () => {
              inFlight -= 1;
              if (closeDelayMs === 0) req.socket.destroy();
              else setTimeout(() => req.socket.destroy(), closeDelayMs);
            });
            return;
          }
          case 'destroy':
            inFlight -= 1;
            req.socket.destroy();
            return;
          case 'hang':
            return;
        }
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    requests,
    maxInFlight: () => maxInFlight,
    closedUnanswered: () => closedUnanswered,
    waitForClosedUnanswered: (count, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (closedUnanswered < count) return;
          clearTimeout(timer);
          closeWaiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          closeWaiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} request(s) closed unanswered (have ${closedUnanswered})`));
        }, timeoutMs);
        closeWaiters.add(check);
        check();
      }),
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on right now (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
