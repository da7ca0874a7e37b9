import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

/** `npm run emulator` in source form, as a separate process (src/emulator/cli.ts through ts-node). */
export interface EmulatorProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** The exit code once it exited (null when killed by a signal it did not handle). */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code; at once when it already exited. */
  stop(): Promise<number | null>;
}

const ROOT = join(__dirname, '../..');

export function runEmulatorCli(args: string[]): EmulatorProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/emulator/cli.ts', ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c.toString()));
  child.stderr.on('data', (c) => (stderr += c.toString()));
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve((code = c))));
  const stop = async (): Promise<number | null> => {
    if (code === undefined) child.kill('SIGTERM');
    return exited;
  };
  return { child, stdout: () => stdout, stderr: () => stderr, exited, stop };
}

/** The first stdout line (the ready line); rejects with stderr when the process exits before printing one. */
export function firstLine(r: EmulatorProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const i = r.stdout().indexOf('\n');
      if (i >= 0) resolve(r.stdout().slice(0, i));
    };
    r.child.stdout.on('data', check);
    check();
    void r.exited.then((code) => reject(new Error(`exited with ${code}: ${r.stderr()}`)));
  });
}
