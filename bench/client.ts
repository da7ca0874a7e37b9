/**
 * The benchmark's load generator, always a process of its own (never the gateway's or a baseline's), so
 * what it costs is not charged to the server it measures. `bench/run.ts` spawns it once and sends jobs as
 * `JOB <json>` lines on stdin; for each it prints `READY` when a subscription job has every subscriber in
 * place, then one line `RESULT <json>`. A line `END` ends a subscription job early (the run's deadline).
 * Every loop is bounded by a count and a deadline.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import WebSocket from 'ws';
import { signedHeaders } from '../src/platform/signing';
import { UnreachableCaseError } from '../src/shared/unreachable';
import { quantile } from './stats';

/** Bodies a job posts, made fresh per request (pushes carry unique ids and fresh signatures). */
export type BodyKind =
  | { kind: 'fixed'; body: string }
  /** A `fee` push of `records` CDRs with unique session ids. */
  | { kind: 'cdr'; records: number; appKey: string; number: string }
  /** A single `callin` call-event push with a unique session id. */
  | { kind: 'callin'; number: string };

export interface HttpJob {
  type: 'http';
  /** Origin, e.g. http://127.0.0.1:4000. */
  origin: string;
  path: string;
  method: 'GET' | 'POST';
  body?: BodyKind;
  /** Bodies cycled through instead of `body` (e.g. one binding id each), when given. */
  bodies?: BodyKind[];
  /** Sign each request as the platform signs a push (X-AKSK). */
  sign?: { appKey: string; appSecret: string };
  /** Paths cycled through instead of `path` (e.g. one binding id each), when given. */
  paths?: string[];
  concurrency: number;
  count: number;
  maxMs: number;
  /** Prefix of generated ids, unique per job so repeated runs never collide. */
  tag: string;
}

export interface HttpResult {
  type: 'http';
  sent: number;
  ok: number;
  non200: number;
  /** Up to five distinct non-200 answers (status and the start of the body), to say why. */
  samples: string[];
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface SubscribeJob {
  type: 'subscribe';
  /** ws://… endpoint speaking graphql-transport-ws (the gateway, or the raw broadcast baseline). */
  url: string;
  clients: number;
  /** Events each subscriber must receive, in order (seq 0..events-1). */
  events: number;
  /** Sockets opened at once while connecting. */
  connectBatch: number;
  /** Give up connecting after this long. */
  connectMs: number;
  /** Stop waiting for events this long after READY at the latest. */
  maxMs: number;
  /** Local addresses to spread sockets over (per-address limits), e.g. 127.0.0.2… */
  localAddresses: string[];
}

export interface SubscribeResult {
  type: 'subscribe';
  connected: number;
  /** Subscriptions that ended (error, complete, closed socket) before the end of the job. */
  dropped: number;
  deliveries: number;
  missing: number;
  outOfOrder: number;
  firstAt: number;
  lastAt: number;
  /** Push-to-client latencies, ms (every delivery). */
  latencies: number[];
  errors: string[];
}

export type ClientJob = HttpJob | SubscribeJob;

/** Session id of fan-out event `seq`, carrying its send time (ms since the epoch, fractional) for the latency. */
export function fanoutSessionId(tag: string, seq: number, sentAt: number): string {
  return `${tag}_${seq}_${sentAt.toFixed(3)}@bench.invalid`;
}

function parseFanoutSessionId(id: string): { seq: number; sentAt: number } | null {
  const m = /_(\d+)_(\d+\.\d+)@bench\.invalid$/.exec(id);
  return m ? { seq: Number(m[1]), sentAt: Number(m[2]) } : null;
}

/** Wall clock with sub-millisecond resolution, comparable across processes of one machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

const pad = (n: number) => String(n).padStart(2, '0');
function platformTime(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A push body of the given kind; `i` makes its ids unique within the job. */
export function makeBody(spec: BodyKind, tag: string, i: number): string {
  switch (spec.kind) {
    case 'fixed':
      return spec.body;
    case 'callin':
      return JSON.stringify({
        eventType: 'callin',
        statusInfo: { sessionId: `${tag}_${i}@bench.invalid`, timestamp: platformTime(new Date()), caller: '+8613800000001', called: spec.number },
      });
    case 'cdr': {
      const t = platformTime(new Date());
      const feeLst = Array.from({ length: spec.records }, (_, r) => ({
        direction: 0,
        spId: 'bench',
        appKey: spec.appKey,
        icid: `${tag}.${i}.${r}`,
        bindNum: spec.number,
        sessionId: `${tag}_${i}_${r}@bench.invalid`,
        callerNum: '+8613800000001',
        calleeNum: spec.number,
        fwdDisplayNum: spec.number,
        fwdDstNum: '+8613900000001',
        callInTime: t,
        fwdStartTime: t,
        fwdAlertingTime: t,
        fwdAnswerTime: t,
        callEndTime: t,
        fwdUnaswRsn: 0,
        ulFailReason: 0,
        sipStatusCode: 0,
        recordFlag: 0,
        serviceType: '003',
        hostName: 'bench.invalid',
      }));
      return JSON.stringify({ eventType: 'fee', feeLst });
    }
    default:
      throw new UnreachableCaseError(spec);
  }
}

function bodyOf(job: HttpJob, i: number): string | undefined {
  const spec = job.bodies ? job.bodies[i % job.bodies.length] : job.body;
  return spec ? makeBody(spec, job.tag, i) : undefined;
}

export async function runHttp(job: HttpJob): Promise<HttpResult> {
  const pool = new Pool(job.origin, { connections: job.concurrency, pipelining: 1 });
  const latencies: number[] = [];
  const samples = new Set<string>();
  let next = 0;
  let ok = 0;
  let non200 = 0;
  const deadline = performance.now() + job.maxMs;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: job.concurrency }, async () => {
        while (next < job.count && performance.now() < deadline) {
          const i = next++;
          const headers: Record<string, string> = { 'content-type': 'application/json;charset=UTF-8' };
          if (job.sign) Object.assign(headers, signedHeaders('aksk', job.sign.appKey, job.sign.appSecret));
          const path = job.paths ? job.paths[i % job.paths.length] : job.path;
          const t0 = performance.now();
          try {
            const res = await pool.request({
              path,
              method: job.method,
              headers,
              body: bodyOf(job, i),
              headersTimeout: job.maxMs,
              bodyTimeout: job.maxMs,
            });
            const text = await res.body.text();
            latencies.push(performance.now() - t0);
            // A GraphQL answer with errors is a failure too, though HTTP says 200.
            if (res.statusCode === 200 && !text.startsWith('{"errors"')) ok++;
            else {
              non200++;
              if (samples.size < 5) samples.add(`${res.statusCode} ${text.slice(0, 200)}`);
            }
          } catch (err) {
            non200++;
            if (samples.size < 5) samples.add(`error ${(err as Error).message}`);
          }
        }
      }),
    );
  } finally {
    await pool.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { type: 'http', sent: next, ok, non200, samples: [...samples], seconds, perSecond: ok / seconds, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99) };
}

const SUBSCRIPTION = 'subscription { callEvents { cursor sessionId type occurredAt } }';

interface Subscriber {
  ws: WebSocket;
  nextSeq: number;
  received: number;
  ended: boolean;
}

/**
 * `clients` sockets speaking graphql-transport-ws by hand (connection_init, subscribe, next), the same code
 * against the gateway and the raw broadcast baseline, so both pay the same client-side cost.
 */
export async function runSubscribe(job: SubscribeJob, onReady: () => void, endSignal: Promise<void>): Promise<SubscribeResult> {
  const subs: Subscriber[] = [];
  const latencies: number[] = [];
  const errors = new Set<string>();
  let firstAt = Infinity;
  let lastAt = 0;
  let outOfOrder = 0;
  let finished = false;
  let complete = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const onEvent = (s: Subscriber, sessionId: string): void => {
    const at = nowMs();
    const parsed = parseFanoutSessionId(sessionId);
    if (!parsed) return;
    if (parsed.seq !== s.nextSeq) outOfOrder++;
    s.nextSeq = parsed.seq + 1;
    s.received++;
    latencies.push(Math.round((at - parsed.sentAt) * 10) / 10);
    firstAt = Math.min(firstAt, at);
    lastAt = Math.max(lastAt, at);
    if (s.received === job.events && ++complete === subs.length) resolveDone();
  };
  const open = (i: number): Promise<void> =>
    new Promise((resolve) => {
      const ws = new WebSocket(job.url, 'graphql-transport-ws', { localAddress: job.localAddresses[i % job.localAddresses.length], perMessageDeflate: false });
      const s: Subscriber = { ws, nextSeq: 0, received: 0, ended: false };
      const end = (why: string): void => {
        if (!s.ended && !finished) errors.add(why);
        s.ended = true;
        resolve();
      };
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} })));
      ws.on('message', (data: Buffer) => {
        const msg = JSON.parse(data.toString('utf8')) as { type: string; payload?: { data?: { callEvents?: { sessionId: string } } } };
        switch (msg.type) {
          case 'connection_ack':
            ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
            subs.push(s);
            resolve();
            return;
          case 'next': {
            const id = msg.payload?.data?.callEvents?.sessionId;
            if (id) onEvent(s, id);
            return;
          }
          case 'error':
          case 'complete':
            end(`${msg.type}: ${JSON.stringify(msg.payload ?? null).slice(0, 200)}`);
            return;
          case 'ping':
            ws.send(JSON.stringify({ type: 'pong' }));
            return;
          default:
            return;
        }
      });
      ws.on('close', (code: number, reason: Buffer) => end(`closed ${code} ${reason.toString()}`));
      ws.on('error', (err: Error) => end(`socket error ${err.message}`));
    });
  const connectDeadline = performance.now() + job.connectMs;
  for (let i = 0; i < job.clients && performance.now() < connectDeadline; i += job.connectBatch) {
    await Promise.all(Array.from({ length: Math.min(job.connectBatch, job.clients - i) }, (_, k) => open(i + k)));
  }
  const connected = subs.length;
  // The subscribe message is sent; give the server a moment to register every subscription before READY.
  await new Promise((resolve) => setTimeout(resolve, 200 + connected / 10));
  onReady();
  if (connected === 0) resolveDone();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([done, endSignal, new Promise<void>((resolve) => (timer = setTimeout(resolve, job.maxMs)))]);
  clearTimeout(timer);
  finished = true;
  const dropped = subs.filter((s) => s.ended).length + (job.clients - connected);
  const deliveries = subs.reduce((n, s) => n + s.received, 0);
  for (const s of subs) s.ws.terminate();
  return {
    type: 'subscribe',
    connected,
    dropped,
    deliveries,
    missing: job.clients * job.events - deliveries,
    outOfOrder,
    firstAt: Number.isFinite(firstAt) ? firstAt : 0,
    lastAt,
    latencies,
    errors: [...errors].slice(0, 5),
  };
}

/**
 * One job at a time from stdin (`JOB <json>` lines); `END` ends a subscription job early; stdin closed = exit.
 * Long-lived, so the run pays its start-up (ts-node) once, not per measurement.
 */
function main(): void {
  let end: (() => void) | null = null;
  let queue = Promise.resolve();
  let buffered = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line === 'END') end?.();
      else if (line.startsWith('JOB ')) {
        const job = JSON.parse(line.slice(4)) as ClientJob;
        queue = queue.then(async () => {
          const endSignal = new Promise<void>((resolve) => (end = resolve));
          const result = job.type === 'http' ? await runHttp(job) : await runSubscribe(job, () => process.stdout.write('READY\n'), endSignal);
          end = null;
          process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
        });
      }
    }
  });
  process.stdin.on('end', () => {
    end?.();
    void queue.then(() => process.exit(0));
  });
}

if (require.main === module) main();
