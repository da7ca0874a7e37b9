/**
 * `npm run bench`: throughput and memory of the gateway's two hot paths, each as a ratio against a baseline
 * measured side by side on the same machine in the same run (so the numbers mean something on any
 * machine). Loopback only; every loop is bounded.
 *
 * - push ingest: signed call-event pushes into /webhooks/<app> (verify, parse, one transaction, event log)
 *   vs a bare node:http server that reads and JSON-parses the same bodies;
 * - GraphQL query: `{ apps { name } }` through Apollo vs the same bare server answering a fixed JSON body;
 * - memory: resident set growth while ingesting pushes.
 */
import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import { createGateway } from '../src/gateway';
import { signedHeaders } from '../src/platform/signing';
import { silentLogger } from '../src/shared/logger';

const PUSHES = Number(process.env.BENCH_PUSHES ?? 1000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const CONCURRENCY = 8;

async function run(count: number, send: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await send(next++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

function baseline(): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (chunks.length) JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"apps":[{"name":"sandbox-ax"}]}}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function pushBody(i: number): string {
  return JSON.stringify({
    eventType: 'callin',
    statusInfo: { sessionId: `bench_${i}@bench.invalid`, timestamp: '2026-01-01 00:00:00', caller: '+8613800000001', called: '+8617001000001' },
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pn-bench-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const gateway = createGateway(config, { logger: silentLogger(), processMetrics: false });
  const base = await baseline();
  try {
    const { url } = await gateway.start();
    const baseUrl = `http://127.0.0.1:${(base.address() as AddressInfo).port}`;
    const app = config.apps.find((a) => a.name === 'sandbox-axb')!;
    const post = async (target: string, body: string, headers: Record<string, string>) => {
      const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      if (res.status !== 200) throw new Error(`${target} answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    const sign = () => signedHeaders('aksk', app.appKey, app.appSecret);

    // Warm up both sides (JIT, connection setup, PGlite caches).
    await run(50, (i) => post(`${url}/webhooks/${app.name}`, pushBody(-1 - i), sign()));
    await run(50, (i) => post(baseUrl, pushBody(i), sign()));

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const basePushes = await run(PUSHES, (i) => post(baseUrl, pushBody(i), sign()));
    const gwPushes = await run(PUSHES, (i) => post(`${url}/webhooks/${app.name}`, pushBody(i), sign()));
    global.gc?.();
    const rssAfter = process.memoryUsage().rss;

    const query = JSON.stringify({ query: '{ apps { name } }' });
    const baseQueries = await run(QUERIES, () => post(baseUrl, query, {}));
    const gwQueries = await run(QUERIES, () => post(`${url}/graphql`, query, {}));

    const rows = [
      ['push ingest (pushes/s)', gwPushes, basePushes],
      ['GraphQL query (requests/s)', gwQueries, baseQueries],
    ] as const;
    console.log(`PrivateNumber gateway benchmark — ${PUSHES} pushes, ${QUERIES} queries, concurrency ${CONCURRENCY}, loopback`);
    console.log('| path | gateway | baseline | ratio |');
    console.log('|---|---|---|---|');
    for (const [name, gw, b] of rows) console.log(`| ${name} | ${gw.toFixed(0)} | ${b.toFixed(0)} | ${(gw / b).toFixed(3)} |`);
    console.log(`| memory: RSS growth over ${PUSHES} pushes (both sides in this process) | ${((rssAfter - rssBefore) / 1048576).toFixed(1)} MiB | | |`);
  } finally {
    base.close();
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
