import type pino from 'pino';

/**
 * Log lines for people at a terminal: `LEVEL time msg key=value ...`, one line per entry (an error's stack
 * follows, indented). It formats the JSON line pino produced, so it sees exactly what the JSON output would
 * have carried: already masked by the logger's formatters.
 */

const LEVELS: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** True when lines should be pretty: `pretty` always, `auto` when stdout is a terminal, `json` never. */
export function usePrettyLogs(format: 'json' | 'pretty' | 'auto', stdoutIsTTY: boolean): boolean {
  return format === 'pretty' || (format === 'auto' && stdoutIsTTY);
}

/** One JSON log line as a human-readable line (with a trailing newline); a line that is not JSON is kept as is. */
export function formatPrettyLine(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine.endsWith('\n') ? jsonLine : `${jsonLine}\n`;
  }
  const { level, time, msg, err, ...fields } = entry;
  const head = [
    (LEVELS[level as number] ?? String(level)).padEnd(5),
    typeof time === 'number' ? new Date(time).toISOString() : String(time ?? ''),
    typeof msg === 'string' ? msg : '',
  ];
  const pairs = Object.entries(fields).map(([k, v]) => `${k}=${formatValue(v)}`);
  const stack = errorStack(err);
  if (err !== undefined && stack === null) pairs.push(`err=${formatValue(err)}`);
  return `${[...head, ...pairs].filter((part) => part !== '').join(' ')}\n${stack ?? ''}`;
}

/** Plain words stay bare; strings with spaces, quotes or `=` are JSON-quoted; objects and arrays are JSON. */
function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/** A masked error's stack (cause included), indented under its line, or null when it has none. */
function errorStack(err: unknown): string | null {
  if (err === null || typeof err !== 'object') return null;
  const { stack, cause } = err as { stack?: unknown; cause?: unknown };
  if (typeof stack !== 'string') return null;
  const causeStack = errorStack(cause);
  const lines = stack.split('\n').map((l) => `    ${l}`);
  return `${lines.join('\n')}\n${causeStack ? `    caused by:\n${causeStack}` : ''}`;
}

/** A pino destination that writes each line pretty-formatted to `out` (stdout by default). */
export function prettyDestination(out: pino.DestinationStream): pino.DestinationStream {
  return { write: (line: string) => out.write(formatPrettyLine(line)) };
}
