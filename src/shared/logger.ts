import { mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';
import { prettyDestination } from './log-pretty';
import { maskPhones } from './phone';

/**
 * The one logger factory. Everything that reaches a log line passes through `maskDeep`: the merging object
 * (nested to any depth, cycles cut), the child bindings, the message and its format arguments, and errors
 * (message, stack, their own enumerable fields and `cause`), so a phone number never appears in full in any
 * log output.
 */
export type Logger = pino.Logger;

/**
 * Fields that hold the platform's or our own opaque identifiers, never a phone number: their digit runs
 * (e.g. the timestamp inside a sessionId) stay readable so a call can be followed through the logs. `appKey`
 * is an app's public key (as the banner shows it; `sandboxAXAppKey00000000` is not a phone number); the
 * secret never reaches a log line.
 */
export const OPAQUE_ID_KEYS: ReadonlySet<string> = new Set(['sessionId', 'requestId', 'icid', 'subscriptionId', 'bindingId', 'smsIdentifier', 'cursor', 'appKey']);

/**
 * Tests only: when this environment variable names a file, every logger also appends its lines there
 * (`silentLogger()` at `debug`, without writing anywhere else), and the jest global teardown fails the run on
 * any unmasked party number or app secret in it (test/log-audit.ts). Unset in production.
 */
export const LOG_AUDIT_ENV = 'PN_LOG_AUDIT_FILE';

/** A number value with as many digits as a phone number is logged masked, like the same digits in a string. */
const PHONE_LIKE_INTEGER = /^\d{8,15}$/;

/** `value` with every phone number masked; `key` is the field it is the value of. */
export function maskDeep(value: unknown, key = '', ancestors: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return OPAQUE_ID_KEYS.has(key) && !/^\+/.test(value) ? value : maskPhones(value);
  if (typeof value === 'number' || typeof value === 'bigint') return PHONE_LIKE_INTEGER.test(String(value)) ? maskPhones(String(value)) : value;
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return '[Circular]';
  ancestors.add(value);
  try {
    if (value instanceof Error) return maskError(value, ancestors);
    if (Array.isArray(value)) return value.map((v) => maskDeep(v, '', ancestors));
    if (value instanceof Date) return value;
    if (Buffer.isBuffer(value)) return maskPhones(value.toString('utf8'));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, k, ancestors);
    return out;
  } finally {
    ancestors.delete(value);
  }
}

/** An Error as a plain object: type, message, stack, its own enumerable fields and its cause, all masked. */
function maskError(err: Error, ancestors: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = { type: err.name, message: maskPhones(err.message) };
  if (err.stack) out.stack = maskPhones(err.stack);
  for (const [k, v] of Object.entries(err)) if (!(k in out)) out[k] = maskDeep(v, k, ancestors);
  if (err.cause !== undefined) out.cause = maskDeep(err.cause, 'cause', ancestors);
  if (err instanceof AggregateError) out.errors = maskDeep(err.errors, 'errors', ancestors);
  return out;
}

/** The arguments of one log call, masked: an Error first becomes `{ err }` with its message as the message. */
function maskArgs(args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  if (first instanceof Error) {
    const msg = rest.length > 0 ? rest : [first.message];
    return [{ err: maskDeep(first) }, ...msg.map((a) => maskDeep(a))];
  }
  return args.map((a) => maskDeep(a));
}

const options = (level: pino.LevelWithSilent): pino.LoggerOptions => ({
  level,
  base: undefined,
  formatters: { log: (obj) => maskDeep(obj) as Record<string, unknown> },
  // Errors arrive here already masked as plain objects (maskArgs); pino's own serializer would rebuild them.
  serializers: { err: (err: unknown) => err },
  hooks: {
    logMethod(args, method) {
      method.apply(this, maskArgs(args) as Parameters<typeof method>);
    },
  },
});

/**
 * pino passes child bindings through no formatter (its `bindings` formatter applies to the root only), so
 * `child` itself masks them; children are created from the root's prototype and inherit this `child`.
 */
function masking(logger: Logger): Logger {
  const child = logger.child;
  logger.child = function maskedChild(this: Logger, bindings, opts) {
    return child.call(this, maskDeep(bindings) as pino.Bindings, opts);
  } as typeof logger.child;
  return logger;
}

let auditStream: { file: string; stream: pino.DestinationStream } | null = null;

/** The audit file's stream when `PN_LOG_AUDIT_FILE` is set (one per module instance, appending, asynchronous). */
function auditDestination(): pino.DestinationStream | null {
  const file = process.env[LOG_AUDIT_ENV];
  if (!file) return null;
  // Opened synchronously: a stream still opening when the process exits makes pino's exit flush throw
  // ("sonic boom is not ready yet"), turning a clean exit into code 1. Writes stay asynchronous.
  if (auditStream?.file !== file) {
    mkdirSync(dirname(file), { recursive: true });
    auditStream = { file, stream: pino.destination({ fd: openSync(file, 'a'), sync: false }) };
  }
  return auditStream.stream;
}

/** `pretty`: lines for people (`level time msg key=value`, shared/log-pretty.ts) instead of JSON; the audit file stays JSON. */
export interface LogOutput {
  pretty?: boolean;
}

/**
 * Standard output as pino writes it (asynchronous, in order). Text that must not land between log lines, like
 * the start-up banner, is written to this same stream after the line it follows.
 */
export function stdoutDestination(): pino.DestinationStream {
  return pino.destination(1);
}

/** The masking logger, writing to `destination` (stdout by default). */
export function createLogger(level: pino.LevelWithSilent = 'info', destination?: pino.DestinationStream, output: LogOutput = {}): Logger {
  const audit = auditDestination();
  const main = output.pretty ? prettyDestination(destination ?? pino.destination(1)) : destination;
  if (!audit || level === 'silent') return masking(pino(options(level), main));
  const streams = pino.multistream([
    { level, stream: main ?? pino.destination(1) },
    { level, stream: audit },
  ]);
  return masking(pino(options(level), streams));
}

/** A logger that writes nothing: the default in tests (where, with `PN_LOG_AUDIT_FILE`, it logs at debug into that file only). */
export function silentLogger(): Logger {
  const audit = auditDestination();
  return audit ? masking(pino(options('debug'), audit)) : pino({ level: 'silent' });
}
