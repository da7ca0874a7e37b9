import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/** One push as the receiver got it. */
export interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: any;
  /** performance.now() at arrival: real time, whatever clock the emulator runs on. */
  at: number;
  /** The client's port: a fresh connection per push shows as a new port each time. */
  remotePort: number;
}

/** How the receiver answers one push; `hang` keeps the request open until the receiver closes. */
export type Answer = { status: number; body?: string } | 'hang';

/** An answer now, or once the promise settles (a test holds it back until it has seen what it wants). */
export type Answering = Answer | Promise<Answer>;

/**
 * A tiny webhook receiver on 127.0.0.1, port 0: records every POST and answers as scripted (200 with an
 * empty body unless `answer` says otherwise).
 */
export interface PushReceiver {
  readonly url: string;
  readonly received: ReceivedPush[];
  answer: (push: ReceivedPush) => Answering;
  /** The first push (received or to come) matching `predicate`; rejects after `timeoutMs`. */
  waitFor(predicate: (p: ReceivedPush) => boolean, timeoutMs?: number): Promise<ReceivedPush>;
  close(): Promise<void>;
}

export async function startPushReceiver(): Promise<PushReceiver> {
  const received: ReceivedPush[] = [];
  const waiters = new Set<(p: ReceivedPush) => void>();
  const sockets = new Set<Socket>();
  const receiver = { answer: (_: ReceivedPush): Answering => ({ status: 200 }) };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const push: ReceivedPush = { path: req.url ?? '', headers: req.headers, raw, body, at: performance.now(), remotePort: req.socket.remotePort ?? 0 };
      received.push(push);
      const answering = receiver.answer(push);
      for (const w of waiters) w(push);
      void Promise.resolve(answering).then((answer) => {
        if (answer === 'hang' || res.destroyed) return;
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body ?? '');
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get answer() {
      return receiver.answer;
    },
    set answer(fn) {
      receiver.answer = fn;
    },
    waitFor(predicate, timeoutMs = 3000) {
      const found = received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`receiver: no matching push within ${timeoutMs} ms (${received.length} received)`));
        }, timeoutMs);
        const check = (p: ReceivedPush): void => {
          if (!predicate(p)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(p);
        };
        waiters.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
