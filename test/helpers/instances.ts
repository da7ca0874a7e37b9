import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import type { EmulatorSeed } from '../../src/emulator/seed';
import { createTempDir } from './temp-dir';
import { withTimeout } from './with-timeout';

const root = join(__dirname, '..', '..');

/** `src/` compiled to JavaScript in a temporary directory, so gateway processes start in about a second. */
export interface GatewayBuild {
  /** `<dir>/src/main.js` is the process entry. */
  dir: string;
  remove(): Promise<void>;
}

/**
 * Transpiles every file of `src/` on its own (no type check: `npm test` type-checks) with the project's
 * compiler options, decorator metadata included. Much faster than `tsc` or ts-node per process, and private
 * to the caller, so test files running in parallel never write the same output.
 */
export async function buildGateway(): Promise<GatewayBuild> {
  const out = await createTempDir('pn-gateway-build-');
  const tsconfig = ts.readConfigFile(join(root, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const { options } = ts.convertCompilerOptionsFromJson(tsconfig.config.compilerOptions, root);
  const compilerOptions = { ...options, sourceMap: false, noEmit: false, isolatedModules: true };
  const files = await listTs(join(root, 'src'));
  await Promise.all(
    files.map(async (file) => {
      const output = ts.transpileModule(await readFile(file, 'utf8'), { fileName: file, compilerOptions }).outputText;
      const target = join(out.path, relative(root, file)).replace(/\.ts$/, '.js');
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, output);
    }),
  );
  return { dir: out.path, remove: out.remove };
}

async function listTs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? listTs(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [join(dir, e.name)] : []))));
  return nested.flat();
}

/** Writes a GATEWAY_CONFIG file for the seed's apps against `baseUrl`; returns its path. */
export async function writeGatewayConfig(dir: string, seed: EmulatorSeed, baseUrl: string, platform: Record<string, number> = {}): Promise<string> {
  const file = join(dir, 'gateway.json');
  const apps = seed.apps.map((a) => ({ name: a.name, mode: a.mode, appKey: a.appKey, appSecret: a.appSecret, numbers: a.numbers, webhookAuth: 'enforce' }));
  await writeFile(file, JSON.stringify({ platform: { baseUrl, ...platform }, apps, auth: { allowAnonymous: true } }));
  return file;
}

export type InstanceEnv = {
  GATEWAY_CONFIG: string;
  DATABASE_URL: string;
  REDIS_URL: string;
  REDIS_PREFIX: string;
  /** A fixed port lets a restarted instance keep its address; default 0 (any). */
  PORT?: string;
};

/** One gateway process (`node <build>/src/main.js`). */
export interface Instance {
  /** `http://127.0.0.1:<port>`, read from the start-up banner. */
  url: string;
  child: ChildProcess;
  /** What the process wrote to stderr (logs at warn and above). */
  stderr(): string;
  /** SIGKILL: no drain, no goodbye. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful stop), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** Starts a gateway process and waits (at most 30 s) for its banner; `env` is an InstanceEnv or, e.g., a sandbox's DATA_DIR. */
export async function startInstance(build: GatewayBuild, env: Readonly<Record<string, string | undefined>>): Promise<Instance> {
  const child = spawn(process.execPath, [join(build.dir, 'src', 'main.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_PATH: join(root, 'node_modules'), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const kill = async (): Promise<void> => {
    if (gone()) return;
    child.kill('SIGKILL');
    await exited;
  };
  const url = await withTimeout(
    new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /GraphiQL: +(http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(stdout);
        if (m) resolve(m[1]);
      });
      void exited.then(() => reject(new Error(`gateway process exited before it was ready: ${stderr.slice(-2000)}`)));
    }),
    30_000,
    'a gateway process to start',
  ).catch(async (err: unknown) => {
    await kill();
    throw err;
  });
  return {
    url,
    child,
    stderr: () => stderr,
    kill,
    stop: async () => {
      if (gone()) return;
      child.kill('SIGTERM');
      await withTimeout(exited, 10_000, 'a gateway process to stop').catch(kill);
    },
  };
}
