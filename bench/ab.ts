/**
 * `npm run bench:ab -- DIST_A DIST_B [ROUNDS]` (each a built `dist/`, inside the repository so it finds
 * node_modules; run `npm run build:stale` first): two builds of the gateway
 * side by side on the bench's hot queries. Both run at once (PGlite, production mode over one emulator,
 * the bench's configuration); each round sends one burst to A then one to B, alternating which goes first,
 * so load from elsewhere on the machine falls on both alike. Prints, per query, B's throughput over A's:
 * the median of the rounds' ratios and their range. Every loop is bounded; every process is ended.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientProcess } from './client-process';
import type { HttpJob, HttpResult } from './client';
import { gatewayConfig } from './gateway-config';
import { killAll, startEmulatorProcess, startGateway } from './processes';
import { median } from './stats';

const [distA, distB, roundsText] = process.argv.slice(2);
const ROUNDS = Number(roundsText ?? 7);
const MAX_MS = 8000;
const gql = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });

async function createBindings(url: string, app: string, x: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 50; i++) {
    const body = gql('mutation ($input: CreateAXBBindingInput!) { createAXBBinding(input: $input) { id } }', {
      input: { app, partyA: `+86138${String(10_000_000 + i).slice(-8)}`, partyB: `+86139${String(10_000_000 + i).slice(-8)}`, privacyNumber: x },
    });
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = (await res.json()) as { data?: { createAXBBinding: { id: string } } };
    if (!json.data) throw new Error(`createAXBBinding: ${JSON.stringify(json)}`);
    ids.push(json.data.createAXBBinding.id);
  }
  return ids;
}

async function main(): Promise<void> {
  if (!distA || !distB) throw new Error('usage: ab.ts DIST_A DIST_B [ROUNDS]');
  const work = mkdtempSync(join(tmpdir(), 'pn-ab-'));
  const client = new ClientProcess();
  try {
    const emulator = await startEmulatorProcess();
    const axb = emulator.apps.find((a) => a.mode === 'AXB')!;
    const config = gatewayConfig(work, emulator.baseUrl, emulator.apps);
    const a = await startGateway({ GATEWAY_CONFIG: config, DATA_DIR: join(work, 'a') }, distA);
    const b = await startGateway({ GATEWAY_CONFIG: config, DATA_DIR: join(work, 'b') }, distB);
    const x = axb.numbers[0].number;
    // Each gateway's mirror holds its own 50 bindings (the emulator's X has room for both sets).
    const idsA = await createBindings(a.url, axb.name, x);
    const idsB = await createBindings(b.url, axb.name, axb.numbers[1].number);
    const binding = (ids: string[]) => ids.map((id) => ({ kind: 'fixed' as const, body: gql('query ($id: ID!) { binding(id: $id) { id privacyNumber status expiresAt } }', { id }) }));
    const list = { kind: 'fixed' as const, body: gql('{ bindings(first: 50) { edges { node { id privacyNumber status expiresAt } } } }') };
    const trivial = { kind: 'fixed' as const, body: gql('{ apps { name } }') };
    const cases: { name: string; job: (url: string, ids: string[]) => Omit<HttpJob, 'type'> }[] = [
      { name: '{ apps { name } } c16', job: (origin) => ({ origin, path: '/graphql', method: 'POST', body: trivial, concurrency: 16, count: 2000, maxMs: MAX_MS, tag: 't' }) },
      { name: 'binding(id) c16', job: (origin, ids) => ({ origin, path: '/graphql', method: 'POST', bodies: binding(ids), concurrency: 16, count: 600, maxMs: MAX_MS, tag: 'b' }) },
      { name: 'bindings(first: 50) c16', job: (origin) => ({ origin, path: '/graphql', method: 'POST', body: list, concurrency: 16, count: 400, maxMs: MAX_MS, tag: 'l' }) },
    ];
    for (const c of cases) {
      // Warm-up: compile, JIT, caches.
      await client.http({ ...c.job(a.url, idsA), count: 200 });
      await client.http({ ...c.job(b.url, idsB), count: 200 });
      const ratios: number[] = [];
      const rates: { a: number; b: number }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const run = (url: string, ids: string[]): Promise<HttpResult> => client.http(c.job(url, ids));
        let ra: HttpResult;
        let rb: HttpResult;
        if (round % 2 === 0) {
          ra = await run(a.url, idsA);
          rb = await run(b.url, idsB);
        } else {
          rb = await run(b.url, idsB);
          ra = await run(a.url, idsA);
        }
        if (ra.non200 > 0 || rb.non200 > 0) throw new Error(`${c.name}: non-200 answers: ${[...ra.samples, ...rb.samples].join(' | ').slice(0, 300)}`);
        ratios.push(rb.perSecond / ra.perSecond);
        rates.push({ a: ra.perSecond, b: rb.perSecond });
      }
      const sorted = [...ratios].sort((p, q) => p - q);
      process.stdout.write(
        `${c.name}: B/A median ${median(ratios).toFixed(3)} (range ${sorted[0].toFixed(3)}–${sorted[sorted.length - 1].toFixed(3)}); ` +
          `A median ${median(rates.map((r) => r.a)).toFixed(0)} req/s, B median ${median(rates.map((r) => r.b)).toFixed(0)} req/s\n`,
      );
    }
  } finally {
    await client.close().catch(() => undefined);
    await killAll();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch(async (err: unknown) => {
  console.error(err);
  await killAll();
  process.exitCode = 1;
});
