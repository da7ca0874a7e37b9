/**
 * Every process the benchmark starts (gateways from the built `dist/`, the emulator, baselines, load
 * clients), tracked in one registry so `killAll` ends each by its pid, whatever failed. Loopback only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');
/** The build the gateways run from: `dist/`, or BENCH_DIST (e.g. an older build, to compare start-up). */
export const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist');

const running = new Set<ChildProcess>();

export interface Proc {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<void>;
  /** SIGTERM, SIGKILL after `graceMs`; resolves once gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns `node <args>` from the repository root with `env` over a minimal environment; tracked for killAll. */
export function spawnNode(args: string[], env: Record<string, string> = {}, options: { detached?: boolean } = {}): Proc {
  return track(
    spawn(process.execPath, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: process.env.NODE_ENV ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: options.detached,
    }),
  );
}

/** Spawns `npm <args>` in the repository of DIST, in its own process group (npm starts node as a child: stop ends the group). */
export function spawnNpm(args: string[], env: Record<string, string>): Proc {
  return track(spawn('npm', args, { cwd: join(DIST, '..'), env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'], detached: true }));
}

function track(child: ChildProcess): Proc {
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
  child.stdin!.on('error', () => undefined);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const signal = (sig: NodeJS.Signals) => {
    if (gone() || child.pid === undefined) return;
    try {
      // A detached child leads its own process group: signal the group, so npm's node child goes too.
      if (child.spawnargs[0] === 'npm') process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      // already gone
    }
  };
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    stop: async (graceMs = 5000) => {
      if (gone()) return;
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Ends every process still running (SIGTERM, then SIGKILL). */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      if (child.pid === undefined) return;
      const group = child.spawnargs[0] === 'npm';
      const kill = (sig: NodeJS.Signals) => {
        try {
          if (group) process.kill(-child.pid!, sig);
          else child.kill(sig);
        } catch {
          // already gone
        }
      };
      const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/** Resolves with the first match of `pattern` in the process's stdout; rejects on exit or after `timeoutMs`. */
export function waitForOutput(proc: Proc, pattern: RegExp, timeoutMs: number, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = pattern.exec(proc.stdout());
      if (m) {
        cleanup();
        resolve(m);
      }
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what}: no ${pattern} within ${timeoutMs} ms; stderr: ${proc.stderr().slice(-1500)}`));
    }, timeoutMs);
    const onExit = () => {
      cleanup();
      reject(new Error(`${what} exited early; stderr: ${proc.stderr().slice(-1500)}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      proc.child.stdout!.off('data', check);
      proc.child.off('exit', onExit);
    };
    proc.child.stdout!.on('data', check);
    proc.child.once('exit', onExit);
    check();
  });
}

/** A gateway from `<dist>/src/main.js` (default DIST), `nodeArgs` before it (e.g. `--cpu-prof`); `url` read from its banner. */
export async function startGateway(env: Record<string, string>, dist: string = DIST, nodeArgs: readonly string[] = []): Promise<Proc & { url: string }> {
  const proc = spawnNode([...nodeArgs, join(dist, 'src', 'main.js')], { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env });
  const m = await waitForOutput(proc, /GraphiQL: +(http:\/\/127\.0\.0\.1:\d+)\/graphql/, 60_000, 'gateway').catch(async (err: unknown) => {
    await proc.stop();
    throw err;
  });
  return { ...proc, url: m[1] };
}

export interface EmulatorApp {
  name: string;
  mode: 'AXB' | 'AX' | 'AXE' | 'AXYB';
  appKey: string;
  appSecret: string;
  numbers: { number: string; cityCode: string }[];
}

/** The emulator CLI from `dist/` (its seed: the sandbox apps); its ready line gives the URL and the apps. */
export async function startEmulatorProcess(): Promise<Proc & { baseUrl: string; apps: EmulatorApp[] }> {
  const proc = spawnNode([join(DIST, 'src', 'emulator', 'cli.js'), '--port', '0', '--log-level', 'warn']);
  const m = await waitForOutput(proc, /^(\{.*\})\n/m, 30_000, 'emulator');
  const ready = JSON.parse(m[1]) as { baseUrl: string; apps: EmulatorApp[] };
  return { ...proc, baseUrl: ready.baseUrl, apps: ready.apps };
}

/** A baseline server (`bench/baselines/<name>.ts` through ts-node); `url` from its LISTENING line. */
export async function startBaseline(name: string, env: Record<string, string> = {}): Promise<Proc & { url: string }> {
  const proc = spawnNode(['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench', 'baselines', `${name}.ts`)], env);
  const m = await waitForOutput(proc, /LISTENING (http:\/\/127\.0\.0\.1:\d+)/, 30_000, `baseline ${name}`);
  return { ...proc, url: m[1] };
}

/** Resident set size of a process, MiB (Linux /proc), or NaN when unreadable. */
export function rssMiB(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** A TCP port free right now on 127.0.0.1 (for a process whose readiness is polled before it prints anything). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
