import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCK_FILE } from '../../src/store/data-dir-lock';
import { createTempDir } from '../helpers/temp-dir';
import { withTimeout } from '../helpers/with-timeout';

const root = join(__dirname, '..', '..');

/** Whether a process with this pid runs (signal 0 checks without sending anything). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `npm start` runs `node scripts/build-if-stale.mjs --then dist/src/main.js`: the pid a supervisor (or a person
 * with `kill`) sees is that node's. A signal sent to it must stop the gateway the way a signal to
 * `node dist/src/main.js` does: a graceful stop, exit 0, nothing left running, the port closed.
 */
describe('npm start (build-if-stale --then)', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s to the started process stops the gateway cleanly', async (signal) => {
    const dir = await createTempDir('pn-npm-start-');
    const child = spawn(process.execPath, [join(root, 'scripts', 'build-if-stale.mjs'), '--then', 'dist/src/main.js'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir.path, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, sig) => resolve({ code, signal: sig })));
    try {
      // A stale build is part of what `npm start` does: the limit leaves room for one.
      const url = await withTimeout(
        new Promise<string>((resolve) =>
          child.stdout.on('data', (d: Buffer) => {
            stdout += d.toString();
            const m = /GraphiQL: +(http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(stdout);
            if (m) resolve(m[1]);
          }),
        ),
        150_000,
        'the start-up banner',
      );
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      // The gateway that holds DATA_DIR is the started process itself: the signal reaches its own handlers.
      const holder = JSON.parse(await readFile(join(dir.path, LOCK_FILE), 'utf8')) as { pid: number };
      expect(holder.pid).toBe(child.pid);

      child.kill(signal);
      expect(await withTimeout(exited, 30_000, `the gateway to stop on ${signal}`)).toEqual({ code: 0, signal: null });
      expect(running(holder.pid)).toBe(false);
      await expect(fetch(`${url}/readyz`)).rejects.toThrow();
      expect(stderr).toBe('');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await dir.remove();
    }
  }, 240_000);
});
