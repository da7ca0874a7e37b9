/**
 * `npm run bench [-- --quick] [--only start|queries|ingest] [--profile DIR]`: the gateway's hot paths, each as a ratio against a baseline measured side by
 * side in the same run on the same machine, so the figures mean something on any machine.
 *
 * Processes (all on loopback, all ended at the end, even on failure): the emulator (`dist/`), gateways
 * (`dist/src/main.js`, production mode over the emulator with anonymous access and raised limits, on PGlite
 * and on a throwaway PostgreSQL database), the baselines (`bench/baselines/`), and one or two load clients
 * (`bench/client.ts`), never inside the gateway's process. Every loop is bounded in count and time.
 * Output: the table on stdout, BENCHMARKS.md and bench/results.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { fanoutSessionId, nowMs, type HttpResult, type SubscribeResult } from './client';
import { ClientProcess } from './client-process';
import { type EmulatorApp, freePort, killAll, rssMiB, ROOT, spawnNode, spawnNpm, startBaseline, startEmulatorProcess, startGateway, waitForOutput, DIST } from './processes';
import { gatewayConfig } from './gateway-config';
import { markdownTable, writeReport, type Row } from './report';
import { median, medianRun, quantile } from './stats';

const quick = process.argv.includes('--quick');
const option = (name: string): string | null => (process.argv.includes(name) ? (process.argv[process.argv.indexOf(name) + 1] ?? null) : null);
/**
 * `--only start`: just the start-up rows; `--only queries`: just the query rows (PGlite gateway); `--only ingest`:
 * just the push rows (PGlite and PostgreSQL). Any of them with BENCH_DIST=<another build> compares two builds.
 */
const ONLY = ['start', 'queries', 'ingest'] as const;
const only = option('--only') as (typeof ONLY)[number] | null;
if (only !== null && !ONLY.includes(only)) throw new Error(`--only takes ${ONLY.join(', ')}, not ${String(only)}`);
/** `--profile DIR`: the gateways write V8 CPU profiles (`node --cpu-prof`) into DIR when they stop. */
const profileDir = option('--profile');
const gatewayArgs: readonly string[] = profileDir === null ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Sizes of one run: `--quick` is a small version (under 2 minutes), the default the full one (under ~8). */
const SIZE = quick
  ? { repeats: 1, trivial: 300, binding: 150, bindings: 120, cdrBatches: 12, callins: 150, fanout: [200], fanoutEvents: 10, callsSample: 40, calls: [1000, 100_000], starts: 1, maxMs: 5000 }
  : { repeats: 3, trivial: 3000, binding: 1500, bindings: 800, cdrBatches: 60, callins: 800, fanout: [1000, 5000], fanoutEvents: 12, callsSample: 200, calls: [1000, 100_000], starts: 3, maxMs: 8000 };

const rows: Row[] = [];
const raw: Record<string, unknown> = {};
const tag = `b${Date.now().toString(36)}`;

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');
const ms = (n: number) => `${fmt(n, n < 10 ? 1 : 0)} ms`;

function log(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

const gql = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });

async function graphql<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: gql(query, variables) });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`GraphQL ${query.slice(0, 60)}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

/** Gateway and baseline alternately, `repeats` times; the median run of each by throughput. */
async function sideBySide(gateway: () => Promise<HttpResult>, baseline: () => Promise<HttpResult>): Promise<{ gw: HttpResult; base: HttpResult }> {
  const gws: HttpResult[] = [];
  const bases: HttpResult[] = [];
  for (let i = 0; i < SIZE.repeats; i++) {
    gws.push(await gateway());
    bases.push(await baseline());
  }
  return { gw: medianRun(gws, (r) => r.perSecond), base: medianRun(bases, (r) => r.perSecond) };
}

function ratioRow(name: string, unit: string, gw: HttpResult, base: HttpResult, target: number | null, scale = 1, extra: { minPerSecond?: number } = {}): void {
  const ratio = (gw.perSecond * scale) / (base.perSecond * scale);
  const fails = gw.non200 > 0 ? `, ${gw.non200} not 200 (${gw.samples[0]?.slice(0, 80) ?? ''})` : '';
  const passRatio = target === null ? null : ratio >= target;
  const passMin = extra.minPerSecond === undefined ? null : gw.perSecond * scale >= extra.minPerSecond;
  const pass = gw.non200 > 0 ? false : passRatio === null && passMin === null ? null : passRatio !== false && passMin !== false;
  rows.push({
    name,
    gateway: `${fmt(gw.perSecond * scale)} ${unit}, p50 ${ms(gw.p50Ms)}, p99 ${ms(gw.p99Ms)}${fails}`,
    baseline: `${fmt(base.perSecond * scale)} ${unit}, p99 ${ms(base.p99Ms)}`,
    ratio,
    target: [target === null ? null : `≥ ${target}×`, extra.minPerSecond === undefined ? null : `≥ ${fmt(extra.minPerSecond)} ${unit}`, '0 non-200'].filter(Boolean).join(', '),
    pass,
  });
  raw[name] = { gateway: gw, baseline: base };
  log(`${name}: ratio ${ratio.toFixed(3)}`);
}

async function queries(client: ClientProcess, gatewayUrl: string, bare: string, proxy: string, axb: EmulatorApp): Promise<void> {
  const maxMs = SIZE.maxMs;
  const trivial = gql('{ apps { name } }');
  await client.http({ origin: gatewayUrl, path: '/graphql', method: 'POST', body: { kind: 'fixed', body: trivial }, concurrency: 16, count: 100, maxMs, tag });
  const t = await sideBySide(
    () => client.http({ origin: gatewayUrl, path: '/graphql', method: 'POST', body: { kind: 'fixed', body: trivial }, concurrency: 16, count: SIZE.trivial, maxMs, tag }),
    () => client.http({ origin: bare, path: '/', method: 'POST', body: { kind: 'fixed', body: trivial }, concurrency: 16, count: SIZE.trivial, maxMs, tag }),
  );
  ratioRow('`{ apps { name } }` vs bare node:http, c16', 'req/s', t.gw, t.base, 0.5);

  // 50 AXB bindings on one privacy number, made through the gateway (so its mirror has them).
  const x = axb.numbers[0].number;
  const ids: string[] = [];
  for (let i = 0; i < 50; i++) {
    const data = await graphql<{ createAXBBinding: { id: string } }>(
      gatewayUrl,
      'mutation ($input: CreateAXBBindingInput!) { createAXBBinding(input: $input) { id } }',
      { input: { app: axb.name, partyA: `+86138${String(10_000_000 + i).slice(-8)}`, partyB: `+86139${String(10_000_000 + i).slice(-8)}`, privacyNumber: x } },
    );
    ids.push(data.createAXBBinding.id);
  }
  const bindingBodies = ids.map((id) => ({ kind: 'fixed' as const, body: gql('query ($id: ID!) { binding(id: $id) { id privacyNumber status expiresAt } }', { id }) }));
  for (const concurrency of [16, 64]) {
    const b = await sideBySide(
      () => client.http({ origin: gatewayUrl, path: '/graphql', method: 'POST', bodies: bindingBodies, concurrency, count: SIZE.binding, maxMs, tag }),
      () => client.http({ origin: proxy, path: '/', paths: ids.map((id) => `/binding/${encodeURIComponent(id)}`), method: 'GET', concurrency, count: SIZE.binding, maxMs, tag }),
    );
    ratioRow(`\`binding(id)\` vs REST proxy, c${concurrency}`, 'req/s', b.gw, b.base, 0.7);
  }
  const list = gql('{ bindings(first: 50) { edges { node { id privacyNumber status expiresAt } } } }');
  for (const concurrency of [16, 64]) {
    const b = await sideBySide(
      () => client.http({ origin: gatewayUrl, path: '/graphql', method: 'POST', body: { kind: 'fixed', body: list }, concurrency, count: SIZE.bindings, maxMs, tag }),
      () => client.http({ origin: proxy, path: `/bindings?relationNum=${encodeURIComponent(x)}`, method: 'GET', concurrency, count: SIZE.bindings, maxMs, tag }),
    );
    ratioRow(`\`bindings(first: 50)\` vs REST proxy, c${concurrency}`, 'req/s', b.gw, b.base, 0.7);
  }
}

async function ingest(client: ClientProcess, store: 'PGlite' | 'PostgreSQL', gatewayUrl: string, bare: string, axb: EmulatorApp): Promise<void> {
  const sign = { appKey: axb.appKey, appSecret: axb.appSecret };
  const number = axb.numbers[0].number;
  const maxMs = SIZE.maxMs;
  const cdr = { kind: 'cdr' as const, records: 50, appKey: axb.appKey, number };
  const path = `/webhooks/${axb.name}`;
  const gw = await client.http({ origin: gatewayUrl, path, method: 'POST', body: cdr, sign, concurrency: 4, count: SIZE.cdrBatches, maxMs, tag: `${tag}${store}cdr` });
  const base = await client.http({ origin: bare, path, method: 'POST', body: cdr, sign, concurrency: 4, count: SIZE.cdrBatches * 5, maxMs, tag: `${tag}${store}cdrb` });
  ratioRow(`CDR ingest, 50-record batches, ${store}, c4`, 'records/s', gw, base, store === 'PostgreSQL' ? 0.3 : 0.05, 50, store === 'PostgreSQL' ? { minPerSecond: 5000 } : {});
  const callin = { kind: 'callin' as const, number };
  const gw1 = await client.http({ origin: gatewayUrl, path, method: 'POST', body: callin, sign, concurrency: 8, count: SIZE.callins, maxMs, tag: `${tag}${store}in` });
  const base1 = await client.http({ origin: bare, path, method: 'POST', body: callin, sign, concurrency: 8, count: SIZE.callins * 5, maxMs, tag: `${tag}${store}inb` });
  ratioRow(`single call-event pushes, ${store}, c8`, 'pushes/s', gw1, base1, null);
}

interface FanoutRun {
  deliveriesPerSecond: number;
  p50: number;
  p99: number;
  dropped: number;
  missing: number;
  outOfOrder: number;
  connected: number;
  rssMiB: number;
  pushNon200: number;
  errors: string[];
}

/**
 * `subscribers` graphql-transport-ws subscribers of `callEvents` over two client processes, then `events`
 * pushes one after the other; each event's session id carries its send time, so every delivery gives a
 * push-to-client latency. The same for the raw broadcast baseline (its POST /broadcast stands for the push).
 */
async function fanoutOnce(clients: ClientProcess[], wsUrl: string, subscribers: number, push: (seq: number) => Promise<number>, serverPid: number | undefined): Promise<FanoutRun> {
  const per = Math.ceil(subscribers / clients.length);
  const maxMs = quick ? 30_000 : 90_000;
  const jobs = clients.map((c, i) =>
    c.subscribe({ url: wsUrl, clients: Math.min(per, subscribers - i * per), events: SIZE.fanoutEvents, connectBatch: 100, connectMs: 60_000, maxMs, localAddresses: ['127.0.0.1'] }),
  );
  await Promise.all(jobs.map((j) => j.ready));
  let peak = rssMiB(serverPid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(serverPid))), 250);
  let pushNon200 = 0;
  const started = nowMs();
  const deadline = performance.now() + maxMs;
  for (let seq = 0; seq < SIZE.fanoutEvents && performance.now() < deadline; seq++) {
    if ((await push(seq).catch(() => 0)) !== 200) pushNon200++;
  }
  // Every subscriber has its events, or the deadline passed: then the clients are told to stop waiting.
  const timer = setTimeout(() => jobs.forEach((j) => j.end()), Math.max(1000, deadline - performance.now()));
  const results: SubscribeResult[] = await Promise.all(jobs.map((j) => j.result));
  clearTimeout(timer);
  clearInterval(sampler);
  const latencies = results.flatMap((r) => r.latencies);
  const deliveries = results.reduce((n, r) => n + r.deliveries, 0);
  const lastAt = Math.max(...results.map((r) => r.lastAt));
  return {
    deliveriesPerSecond: deliveries / ((lastAt - started) / 1000),
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    dropped: results.reduce((n, r) => n + r.dropped, 0),
    missing: results.reduce((n, r) => n + r.missing, 0),
    outOfOrder: results.reduce((n, r) => n + r.outOfOrder, 0),
    connected: results.reduce((n, r) => n + r.connected, 0),
    rssMiB: peak,
    pushNon200,
    errors: results.flatMap((r) => r.errors).slice(0, 5),
  };
}

async function fanout(clients: ClientProcess[], gateway: { url: string; pid: number | undefined }, broadcast: { url: string; pid: number | undefined }, axb: EmulatorApp): Promise<void> {
  const { signedHeaders } = await import('../src/platform/signing');
  const number = axb.numbers[0].number;
  for (const subscribers of SIZE.fanout) {
    const runTag = `${tag}f${subscribers}`;
    const occurredAt = new Date().toISOString();
    const pushGateway = async (seq: number): Promise<number> => {
      const t = new Date().toISOString().slice(0, 19).replace('T', ' ');
      const body = JSON.stringify({ eventType: 'callin', statusInfo: { sessionId: fanoutSessionId(runTag, seq, nowMs()), timestamp: t, caller: '+8613800000001', called: number } });
      const res = await fetch(`${gateway.url}/webhooks/${axb.name}`, { method: 'POST', headers: { 'content-type': 'application/json;charset=UTF-8', ...signedHeaders('aksk', axb.appKey, axb.appSecret) }, body });
      await res.arrayBuffer();
      return res.status;
    };
    const pushBaseline = async (seq: number): Promise<number> => {
      const body = JSON.stringify({ sessionId: fanoutSessionId(`${runTag}b`, seq, nowMs()), type: 'CALLIN', occurredAt });
      const res = await fetch(`${broadcast.url}/broadcast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      return res.status;
    };
    log(`fan-out to ${subscribers}: gateway`);
    const gw = await fanoutOnce(clients, `${gateway.url.replace('http', 'ws')}/graphql`, subscribers, pushGateway, gateway.pid);
    log(`fan-out to ${subscribers}: raw ws`);
    const base = await fanoutOnce(clients, `${broadcast.url.replace('http', 'ws')}/graphql`, subscribers, pushBaseline, broadcast.pid);
    const ratio = gw.deliveriesPerSecond / base.deliveriesPerSecond;
    const clean = gw.dropped === 0 && gw.missing === 0 && gw.outOfOrder === 0 && gw.pushNon200 === 0;
    const targets: string[] = ['0 dropped, missing, out of order'];
    let pass = clean;
    if (subscribers <= 1000) {
      targets.unshift('≥ 0.5×, p99 ≤ 250 ms');
      pass = pass && ratio >= 0.5 && gw.p99 <= 250;
    } else {
      targets.push('RSS ≤ 300 MiB');
      pass = pass && gw.rssMiB <= 300;
    }
    rows.push({
      name: `fan-out to ${fmt(subscribers)} \`callEvents\` subscribers (PostgreSQL) vs raw ws broadcast`,
      gateway:
        `${fmt(gw.deliveriesPerSecond)} deliveries/s, p50 ${ms(gw.p50)}, p99 ${ms(gw.p99)}, RSS ${fmt(gw.rssMiB)} MiB, ` +
        `${gw.connected} connected, ${gw.dropped} dropped, ${gw.missing} missing, ${gw.outOfOrder} out of order` +
        (gw.pushNon200 > 0 ? `, ${gw.pushNon200} pushes not 200` : '') +
        (gw.errors.length > 0 ? ` (${gw.errors[0].slice(0, 80)})` : ''),
      baseline: `${fmt(base.deliveriesPerSecond)} deliveries/s, p50 ${ms(base.p50)}, p99 ${ms(base.p99)}, RSS ${fmt(base.rssMiB)} MiB`,
      ratio,
      target: targets.join(', '),
      pass,
    });
    raw[`fanout ${subscribers}`] = { gateway: gw, baseline: base };
    log(`fan-out to ${subscribers}: ratio ${ratio.toFixed(3)}`);
  }
}

/** `calls(first: 50)` latency (concurrency 1) with 1k and with 100k rows in `calls`, inserted with SQL. */
async function callsAtScale(client: ClientProcess, gatewayUrl: string, db: pg.Client, app: string): Promise<void> {
  const query = gql('{ calls(first: 50) { edges { node { sessionId state startedAt durationSeconds } } } }');
  const results: { rows: number; result: HttpResult }[] = [];
  for (const target of SIZE.calls) {
    const { rows: counted } = await db.query<{ n: string }>('SELECT count(*) AS n FROM calls');
    const missing = target - Number(counted[0].n);
    if (missing > 0) {
      await db.query(
        `INSERT INTO calls (session_id, app, privacy_number, caller, callee, state, started_at, ended_at, duration_seconds, created_at, updated_at)
         SELECT $1 || '_' || g || '@bench.invalid', $2, '+8617000000000', '+8613800000001', '+8613900000001', 'ENDED',
                now() - g * interval '1 second', now() - g * interval '1 second' + interval '30 seconds', 30, now(), now()
         FROM generate_series(1, $3::int) AS g`,
        [`${tag}c${target}`, app, missing],
      );
      await db.query('ANALYZE calls');
    }
    await client.http({ origin: gatewayUrl, path: '/graphql', method: 'POST', body: { kind: 'fixed', body: query }, concurrency: 1, count: 10, maxMs: SIZE.maxMs, tag });
    const result = await client.http({ origin: gatewayUrl, path: '/graphql', method: 'POST', body: { kind: 'fixed', body: query }, concurrency: 1, count: SIZE.callsSample, maxMs: SIZE.maxMs, tag });
    results.push({ rows: target, result });
  }
  const [small, large] = results;
  const ratio = large.result.p50Ms / small.result.p50Ms;
  rows.push({
    name: `\`calls(first: 50)\` latency, ${fmt(large.rows)} vs ${fmt(small.rows)} stored calls (PostgreSQL), c1`,
    gateway: `p50 ${ms(large.result.p50Ms)}, p99 ${ms(large.result.p99Ms)} at ${fmt(large.rows)}` + (large.result.non200 > 0 ? `, ${large.result.non200} failed` : ''),
    baseline: `p50 ${ms(small.result.p50Ms)}, p99 ${ms(small.result.p99Ms)} at ${fmt(small.rows)}`,
    ratio,
    target: '≤ 1.5× (latency: lower is better)',
    pass: ratio <= 1.5 && large.result.non200 === 0 && small.result.non200 === 0,
  });
  raw.calls = results;
}

/** Seconds from spawn to the first 200 of `http://127.0.0.1:<port><path>`, polled every 20 ms (at most 120 s). */
async function timeToReady(start: (port: number) => ReturnType<typeof spawnNode>, path: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = start(port);
  try {
    while (performance.now() - t0 < 120_000) {
      const ok = await fetch(`http://127.0.0.1:${port}${path}`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return (performance.now() - t0) / 1000;
      if (proc.child.exitCode !== null) throw new Error(`exited before ready: ${proc.stderr().slice(-1000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('not ready within 120 s');
  } finally {
    await proc.stop();
  }
}

const BARE_START = "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')";

/** Sandbox cold start to /readyz (fresh and existing DATA_DIR) vs a bare node:http process; `npm start` to the banner. */
async function startUp(work: string): Promise<void> {
  const fresh: number[] = [];
  const existing: number[] = [];
  const bare: number[] = [];
  const npm: number[] = [];
  for (let i = 0; i < SIZE.starts; i++) {
    const dataDir = join(work, `start-${i}`);
    const sandbox = (port: number) => spawnNode([join(DIST, 'src', 'main.js')], { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    fresh.push(await timeToReady(sandbox, '/readyz'));
    existing.push(await timeToReady(sandbox, '/readyz'));
    bare.push(await timeToReady((port) => spawnNode(['-e', BARE_START], { PORT: String(port) }), '/'));
    // What a developer types the second time: the build step finds nothing changed.
    const t0 = performance.now();
    const proc = spawnNpm(['start'], { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', LOG_FORMAT: 'json' });
    try {
      await waitForOutput(proc, /GraphiQL: +http:\/\/127\.0\.0\.1:\d+\/graphql/, 120_000, 'npm start');
      npm.push((performance.now() - t0) / 1000);
    } finally {
      await proc.stop();
    }
  }
  const f = median(fresh);
  const e = median(existing);
  const b = median(bare);
  const n = median(npm);
  rows.push({ name: 'sandbox cold start to `/readyz`, fresh DATA_DIR', gateway: `${fmt(f, 2)} s`, baseline: `bare node:http ${fmt(b, 2)} s`, ratio: b / f, target: '< 5 s', pass: f < 5 });
  rows.push({ name: 'sandbox start to `/readyz`, existing DATA_DIR', gateway: `${fmt(e, 2)} s`, baseline: `bare node:http ${fmt(b, 2)} s`, ratio: b / e, target: '< 5 s', pass: e < 5 });
  rows.push({ name: 'second `npm start` to the banner (nothing changed)', gateway: `${fmt(n, 2)} s`, baseline: '', ratio: null, target: '< 3 s', pass: n < 3 });
  raw.start = { fresh, existing, bare, npm };
}

async function createDatabase(): Promise<{ url: string; client: pg.Client; drop: () => Promise<void> }> {
  const name = `bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  return {
    url: url.toString(),
    client,
    drop: async () => {
      await client.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((err: unknown) => log(`could not drop ${name}: ${(err as Error).message}`));
      await admin.end();
    },
  };
}

/** Runs one section; a failure becomes a row saying so, and the run goes on with the next section. */
async function section(name: string, fn: () => Promise<void>): Promise<void> {
  const t0 = performance.now();
  try {
    await fn();
  } catch (err) {
    log(`${name} failed: ${(err as Error).stack ?? String(err)}`);
    rows.push({ name: `${name}: failed`, gateway: (err as Error).message.slice(0, 300).replace(/\|/g, '/').replace(/\n/g, ' '), baseline: '', ratio: null, target: '', pass: false });
  }
  log(`${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const begun = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'pn-bench-'));
  const cleanups: (() => Promise<void>)[] = [];
  const stopOnSignal = () => {
    log('interrupted: stopping every process');
    void killAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', stopOnSignal);
  process.on('SIGTERM', stopOnSignal);
  try {
    log(`${quick ? 'quick' : 'full'} run; work directory ${work}`);
    if (only === null || only === 'start') await section('start-up', () => startUp(work));
    if (only !== 'start') await benchServers(work, cleanups);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => log(`cleanup failed: ${(err as Error).message}`));
    await killAll();
    rmSync(work, { recursive: true, force: true });
  }
  const seconds = (performance.now() - begun) / 1000;
  // A partial run (--only) prints its rows but leaves BENCHMARKS.md and results.json alone.
  const { table } = only ? { table: markdownTable(rows) } : writeReport({ root: ROOT, rows, raw, quick, seconds });
  process.stdout.write(`${table}\n`);
}

/** Everything but start-up: the emulator, the baselines, the clients, then the PGlite and the PostgreSQL gateway. */
async function benchServers(work: string, cleanups: (() => Promise<void>)[]): Promise<void> {
  const emulator = await startEmulatorProcess();
  const axb = emulator.apps.find((a) => a.mode === 'AXB');
  if (!axb) throw new Error('the emulator seed has no AXB app');
  const config = gatewayConfig(work, emulator.baseUrl, emulator.apps);
  const [bare, proxy, broadcast] = await Promise.all([
    startBaseline('bare-http'),
    startBaseline('rest-proxy', { EMULATOR_URL: emulator.baseUrl, APP_KEY: axb.appKey, APP_SECRET: axb.appSecret }),
    startBaseline('ws-broadcast'),
  ]);
  const clients = [new ClientProcess(), new ClientProcess()];
  cleanups.push(async () => {
    await Promise.all(clients.map((c) => c.close()));
  });

  log('PGlite gateway');
  const pglite = await startGateway({ GATEWAY_CONFIG: config, DATA_DIR: join(work, 'pglite') }, DIST, gatewayArgs);
  if (only !== 'ingest') await section('queries', () => queries(clients[0], pglite.url, bare.url, proxy.url, axb));
  if (only !== 'queries') await section('ingest on PGlite', () => ingest(clients[0], 'PGlite', pglite.url, bare.url, axb));
  await pglite.stop(10_000);
  if (only === 'queries') return;

  log('PostgreSQL gateway');
  const database = await createDatabase();
  cleanups.push(database.drop);
  const postgres = await startGateway({ GATEWAY_CONFIG: config, DATA_DIR: join(work, 'pg'), DATABASE_URL: database.url }, DIST, gatewayArgs);
  await database.client.connect();
  await section('ingest on PostgreSQL', () => ingest(clients[0], 'PostgreSQL', postgres.url, bare.url, axb));
  if (only === 'ingest') {
    await postgres.stop(10_000);
    return;
  }
  await section('fan-out', () => fanout(clients, { url: postgres.url, pid: postgres.child.pid }, { url: broadcast.url, pid: broadcast.child.pid }, axb));
  await section('calls at scale', () => callsAtScale(clients[0], postgres.url, database.client, axb.name));
  await postgres.stop(10_000);
}

main().catch(async (err: unknown) => {
  console.error(err);
  await killAll();
  process.exitCode = 1;
});
