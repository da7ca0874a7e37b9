import pino from 'pino';
import { maskPhones } from './phone';

/**
 * The one logger factory. Every string that reaches a log line (message and fields, nested) passes through
 * `maskPhones`, so a phone number never appears in full in any log output.
 */
export type Logger = pino.Logger;

/**
 * Fields that hold the platform's or our own opaque identifiers, never a phone number: their digit runs
 * (e.g. the timestamp inside a sessionId) stay readable so a call can be followed through the logs.
 */
const OPAQUE_ID_KEYS: ReadonlySet<string> = new Set(['sessionId', 'requestId', 'icid', 'subscriptionId', 'bindingId', 'smsIdentifier', 'cursor']);

function maskDeep(value: unknown, depth = 0, key = ''): unknown {
  if (typeof value === 'string') return OPAQUE_ID_KEYS.has(key) && !/^\+/.test(value) ? value : maskPhones(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: maskPhones(value.message), stack: value.stack && maskPhones(value.stack) };
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1, k);
  return out;
}

export function createLogger(level: pino.LevelWithSilent = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      formatters: { log: (obj) => maskDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskPhones(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** A logger that writes nothing: the default in tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
