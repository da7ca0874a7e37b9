import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLogger } from '../shared/logger';
import { maskPhones } from '../shared/phone';
import { startEmulator, type Emulator } from './emulator';
import { sandboxSeed, withPushTo, type EmulatorSeed } from './seed';
import { assertSeed } from './seed-validation';

/**
 * `node dist/src/emulator/cli.js --port <n> [--host <h>] [--seed <file.json>] [--state-file <file.json>]
 * [--push-to <gateway url>] [--control] [--log-level <level>]` (what `npm run emulator -- …` runs). When
 * ready it prints exactly one JSON line on stdout:
 * `{"baseUrl": "...", "control"?: "<baseUrl>/_control", "apps": [{"name","mode","appKey","appSecret","numbers":[{"number","cityCode"}]}]}`
 * (`control` only with --control). --push-to: apps of the seed without `push` push to
 * `<url>/webhooks/<app name>`. --control: the control endpoint (http/control.ts) is served.
 * Logs go to stderr. A bad seed or argument: a message naming the field on stderr, exit code 1.
 * SIGTERM / SIGINT stop it (exit code 0). Without --state-file the state lives in memory only; with it,
 * bindings, numbers, sessions and recordings are restored from and saved to that file. docs/emulator.md
 * describes the seed file.
 */
export interface CliArgs {
  port: number;
  host: string;
  seedFile?: string;
  /** Keep the state across restarts in this JSON file (read at start, saved after changes and on stop). */
  stateFile?: string;
  logLevel: string;
  /** Gateway base URL the apps without their own push addresses push to. */
  pushTo?: string;
  /** Serve `/_control/…`. */
  control: boolean;
}

export class CliError extends Error {}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'state-file': { type: 'string' },
      'log-level': { type: 'string' },
      'push-to': { type: 'string' },
      control: { type: 'boolean' },
    },
    strict: true,
  });
  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port: expected an integer 0-65535, got "${values.port}"`);
  const logLevel = values['log-level'] ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) throw new CliError(`--log-level: unknown level "${logLevel}"`);
  if (values['state-file'] === '') throw new CliError('--state-file: expected a file path');
  const pushTo = values['push-to'];
  if (pushTo !== undefined && !isHttpUrl(pushTo)) throw new CliError(`--push-to: expected an http(s) URL such as http://127.0.0.1:4000, got "${pushTo}"`);
  return { port, host: values.host ?? '127.0.0.1', seedFile: values.seed, stateFile: values['state-file'], logLevel, pushTo, control: values.control ?? false };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

/** The seed from a JSON file, validated; errors name the file and the field. */
export function readSeedFile(path: string): EmulatorSeed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`--seed: cannot read ${path}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliError(`--seed: ${path} is not valid JSON: ${(err as Error).message}`);
  }
  assertSeed(value);
  return value;
}

/** The one line printed on stdout once the emulator listens. */
export function readyLine(emulator: Emulator): string {
  const apps = emulator.apps.map(({ name, mode, appKey, appSecret, numbers }) => ({ name, mode, appKey, appSecret, numbers }));
  return JSON.stringify({ baseUrl: emulator.baseUrl, ...(emulator.controlUrl ? { control: emulator.controlUrl } : {}), apps });
}

export async function main(argv: readonly string[]): Promise<void> {
  let emulator: Emulator;
  try {
    const args = parseCliArgs(argv);
    const seedFile = args.seedFile ? readSeedFile(args.seedFile) : sandboxSeed();
    const seed = args.pushTo ? withPushTo(seedFile, args.pushTo) : seedFile;
    const logger = createLogger(args.logLevel as 'info', process.stderr);
    emulator = await startEmulator({ seed, host: args.host, port: args.port, logger, stateFile: args.stateFile, control: args.control });
  } catch (err) {
    process.stderr.write(`emulator: ${maskPhones((err as Error).message)}\n`);
    process.exit(1);
  }
  process.stdout.write(`${readyLine(emulator)}\n`);
  const stop = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`emulator: stop failed: ${maskPhones((err as Error).message)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) void main(process.argv.slice(2));
