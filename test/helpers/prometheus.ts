import { withTimeout } from './with-timeout';

/** One sample of the Prometheus text exposition format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;

/** Parses the text format (comments skipped); throws on a line it cannot read, so a broken exposition fails. */
export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    samples.push({ name: m[1], labels: parseLabels(m[2] ?? '', line), value: parseValue(m[3]) });
  }
  return samples;
}

function parseLabels(body: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < body.length) {
    const m = LABEL.exec(body);
    if (!m) throw new Error(`bad labels in: ${line}`);
    labels[m[1]] = m[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  const value = Number(text);
  if (Number.isNaN(value) && text !== 'NaN') throw new Error(`not a sample value: ${text}`);
  return value;
}

/**
 * The value of the one sample named `name` whose labels include `labels`; `undefined` when there is none.
 * Throws when several match (the labels given do not pick one series).
 */
export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

/** GET <baseUrl>/metrics, parsed. */
export async function scrapeMetrics(baseUrl: string): Promise<Sample[]> {
  const res = await fetch(`${baseUrl}/metrics`);
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return parsePrometheus(await res.text());
}

/** Scrapes until the sample (0 when absent) satisfies `ok`, failing after `ms`; returns the value seen. */
export async function waitForSample(baseUrl: string, name: string, labels: Record<string, string>, ok: (value: number) => boolean, ms = 10_000): Promise<number> {
  let last: number | undefined;
  let gaveUp = false;
  const poll = async (): Promise<number> => {
    while (!gaveUp) {
      last = sampleValue(await scrapeMetrics(baseUrl), name, labels) ?? 0;
      if (ok(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return last ?? 0;
  };
  return withTimeout(poll(), ms, `${name}${JSON.stringify(labels)}`).finally(() => (gaveUp = true));
}
