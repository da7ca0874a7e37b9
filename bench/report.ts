import { cpus, totalmem, loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line of the table: the gateway's figure, the baseline's, their ratio and the target it is held to. */
export interface Row {
  name: string;
  gateway: string;
  baseline: string;
  /** Gateway ÷ baseline (throughput: higher is better); for the calls row latency at 100k ÷ at 1k. */
  ratio: number | null;
  target: string;
  /** Null when the row has no target. */
  pass: boolean | null;
}

export interface Report {
  root: string;
  rows: Row[];
  raw: Record<string, unknown>;
  quick: boolean;
  seconds: number;
}

function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}; load average at the end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`;
}

const verdict = (pass: boolean | null) => (pass === null ? '' : pass ? 'pass' : '**miss**');

export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| path | gateway | baseline | ratio | target | |', '|---|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.gateway} | ${r.baseline} | ${r.ratio === null ? '' : r.ratio.toFixed(3)} | ${r.target} | ${verdict(r.pass)} |`);
  return lines.join('\n');
}

/** Writes BENCHMARKS.md and bench/results.json; returns the table printed on stdout. */
export function writeReport(report: Report): { table: string } {
  const date = new Date().toISOString();
  const table = markdownTable(report.rows);
  const kind = report.quick ? '`npm run bench -- --quick` (small sizes, one run per figure: indicative only)' : '`npm run bench` (full sizes, medians of 3 where cheap)';
  const md = `# Benchmarks

${kind}, ${date}, ${report.seconds.toFixed(0)} s.

Machine: ${machine()}.

${table}

## How to read it

Every figure is measured against a baseline run side by side in the same run, on the same machine, by the
same load client (\`bench/client.ts\`, a process of its own; never inside the server it measures). The
**ratio** is gateway ÷ baseline throughput, so 1.0 means "as fast as the simplest thing that could answer",
and it carries over between machines far better than the absolute numbers. For the \`calls(first: 50)\` row the
ratio is the latency with 100k stored calls ÷ the latency with 1k (lower is better); for the start-up rows it is
the bare process's time to its first answer ÷ the gateway's. A row that says **miss** is a target not met.

- **Baselines** (\`bench/baselines/\`): \`bare-http\` reads and JSON-parses the body and answers a fixed body (the
  floor for the trivial query and for push ingest, which get the same signed bodies); \`rest-proxy\` is a
  hand-written undici Pool proxy with the gateway's X-AKSK signing, in front of the same emulator process
  (for \`binding(id)\` and \`bindings(first: 50)\`); \`ws-broadcast\` is a raw \`ws\` server that sends the same
  graphql-transport-ws \`next\` JSON to every subscriber (for fan-out).
- **Gateways** run from \`dist/\` as their own processes, in production mode over the emulator process, with
  anonymous access and the rate and socket limits raised (the limits are not what is measured); PGlite in a
  temporary DATA_DIR, PostgreSQL in a throwaway database dropped at the end.
- **CDR ingest**: signed \`fee\` pushes of 50 records, 4 at a time; records/s, p99 of the push answer, and every
  answer that is not 200 (there must be none). **Single pushes**: \`callin\` call events, 8 at a time.
- **Fan-out**: N graphql-ws subscribers of \`callEvents\` over two client processes, then events pushed one after
  the other; each event's session id carries its send time, so each delivery gives a push-to-client latency.
  Deliveries/s = all deliveries ÷ (last delivery − first push). RSS is the server process's peak. Dropped =
  subscriptions that ended early; missing / out of order count against the pushed sequence.
- **Start-up**: spawn to the first 200 of \`/readyz\` (sandbox mode, default configuration) on a fresh and on an
  existing DATA_DIR, against a bare node:http process; \`npm start\` to the banner when nothing changed.
- Quick runs use small sizes and one run per figure; on a machine shared with other work the figures move by
  tens of percent between runs. \`bench/results.json\` holds every raw figure of the run.
- **Parts and comparisons**: \`npm run bench -- --only queries\` (or \`--only start\`, \`--only ingest\`) runs one part and prints its
  rows without touching this file; \`BENCH_DIST=<another build>\` runs that build instead of \`dist/\`;
  \`--profile DIR\` has the gateways write V8 CPU profiles, which \`npm run bench:profile -- FILE\` sums by owner
  (package, \`src/\` folder, node internals, GC) and by function. Two builds are compared with
  \`npm run bench:ab -- DIST_A DIST_B [ROUNDS]\` (\`bench/ab.ts\`): both gateways run at once over one emulator, each round sends a burst
  to one then the other (alternating which goes first), and the median of the rounds' B ÷ A ratios is the
  figure. On a loaded machine that pairing is what makes a difference visible at all (two separate
  \`npm run bench\` runs, minutes apart, disagreed by up to 2× on the same build), and even then one run's median
  moves by up to ±20 %: repeat a comparison before trusting a gain of that size.

graphql-jit measured (0.8.9, each query compiled once per document text and cached, run through Apollo's
executor slot, its \`gateway\` interface): \`npm run bench:ab\`, four runs of 9 to 15 paired rounds at concurrency 16
on a shared machine (load average 2 to 10), jit ÷ graphql-js throughput, the median of each run:
\`{ apps { name } }\` 0.98, 1.01, 1.23, 0.96; \`binding(id)\` 0.99, 1.07, 0.95, 1.05; \`bindings(first: 50)\` 0.93, 1.26,
1.09, 1.26. The same harness on two builds whose trivial path is identical gave 1.18, so about ±20 % is noise
here: no gain on the trivial query or on \`binding(id)\`, perhaps 10–25 % on the 50-node list, not clearly. In a CPU
profile of the trivial query the whole of graphql-js (parse, validate and execute) is 13 % of the gateway's
time; on the list and lookup queries PGlite and the platform call dominate. It also needed adapting before
the tests passed: its errors carry no \`extensions\` (Apollo's error formatting then fails and masks every error
without its path), its variable coercion errors differ from graphql-js's (no BAD_USER_INPUT), and it does not
await type-graphql's async \`resolveType\`, so every \`Binding\` field failed until a synchronous one was put on
the built schema. It was not kept; execution is graphql-js.

PGlite's JSON reads (\`src/store/pglite-json-reads.ts\`: a plain SELECT seen before is read as one \`json_agg\` text):
\`npm run bench:ab\`, 9 paired rounds at concurrency 16, with ÷ without: \`bindings(first: 50)\` 1.36 (range 1.27–1.49),
\`binding(id)\` 1.01, \`{ apps { name } }\` 1.08 (no store read: noise). Kept. On PGlite a 50-row page of bindings
costs 1.43 ms decoded row by row and 0.66 ms as one JSON text (measured on the driver alone). PGlite also
copies its whole parser table (316 types) on every query, about 8 % of a one-row lookup's CPU; with only the
parsers the store reads kept: \`binding(id)\` 1.06 (range 1.03–1.16), \`bindings(first: 50)\` 1.09 (1.03–1.11).

## Where the misses stand

- **CDR ingest on PostgreSQL.** The bare endpoint stores nothing, so 0.3× of it (50k–90k records/s here) is
  above what PostgreSQL itself takes on this machine: the store path alone (\`storeCdrBatch\` in transactions
  on the same PostgreSQL, no HTTP, 4 at a time) reaches 6.6k–7.4k records/s. Per 50-record push at
  concurrency 1 it is three statements of about 2 ms each (records insert, calls insert-or-lock, event-log
  append) plus BEGIN, the nonce, the owner checks and COMMIT; at concurrency 4 the append waits for the
  event-log lock held by the others' appends and commits (9.6 ms of 19 ms). In the gateway's own CPU profile,
  writev to PostgreSQL's socket is the largest single item (22 %): the work is in PostgreSQL and the kernel.
  A new call is written once (inserted as computed), not inserted blank and updated, which took the row
  from 4.8k–4.9k to 5.1k–5.5k records/s.
- **CDR ingest on PGlite.** The store path alone reaches 3.2k–3.7k records/s; its profile is 46 % inside
  Postgres's WASM and 24 % PGlite's JavaScript (its file-system layer: open, unlink, lstat of relation
  files), the gateway's own code under 10 %. WAL settings (\`wal_init_zero\` off) changed nothing measurable.
- **\`binding(id)\`.** The REST proxy makes one signed platform call per request; the gateway makes the same
  call and also reads the mirror, compares, runs the GraphQL document and the edge (auth, limits, metrics,
  access log), on cores it shares with the emulator and the load client. In a CPU profile of this query
  alone (8,000 requests at concurrency 16, one SELECT each) PGlite is still the largest owner: 20 % in
  Postgres's WASM (planning the statement anew each time, with an lseek and fstat of each relation file
  through PGlite's file-system layer) and 10 % in its JavaScript; undici 7 % (a new connection per call:
  the platform closes after each answer, the proxy pays the same), graphql-js 5 %.
- **\`{ apps { name } }\`.** No store and no platform: what is measured is Apollo's request pipeline and the
  edge. In a CPU profile of this query alone (30,000 requests at concurrency 16, start-up included) the
  largest item is writev of the answers, 22 % (the kernel's loopback send; the baseline pays it too), then
  Apollo's pipeline 8.5 %, the gateway's server code 7 %, garbage collection 6 %, graphql-js 6 %; no other
  item is above 4 %. Nothing single is left to remove: the gap is the sum of a GraphQL server's steps.


## Targets

From issue 10, on a 2-core machine: fan-out at 1,000 subscribers ≥ 0.5× raw ws deliveries/s with p99 ≤ 250 ms,
at 5,000 no subscription dropped and RSS ≤ 300 MiB; CDR ingest on PostgreSQL ≥ 0.3× the bare endpoint and
≥ 5,000 records/s, on PGlite ≥ 0.05×, never a 503; \`binding(id)\` and \`bindings(first: 50)\` ≥ 0.7× the REST proxy;
the trivial query ≥ 0.5× bare node:http; \`calls(first: 50)\` at 100k rows within 1.5× of 1k rows; the second
\`npm start\` at the banner in under 3 s, a sandbox cold start at \`/readyz\` in under 5 s.
`;
  writeFileSync(join(report.root, 'BENCHMARKS.md'), md);
  writeFileSync(join(report.root, 'bench', 'results.json'), `${JSON.stringify({ date, quick: report.quick, machine: machine(), seconds: report.seconds, rows: report.rows, raw: report.raw }, null, 2)}\n`);
  return { table };
}
