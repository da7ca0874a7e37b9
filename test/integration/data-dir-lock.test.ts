import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE } from '../../src/store/data-dir-lock';
import { startTestGateway } from '../helpers/gateway';
import { buildGateway, type GatewayBuild } from '../helpers/instances';
import { createTempDir } from '../helpers/temp-dir';
import { withTimeout } from '../helpers/with-timeout';

const root = join(__dirname, '..', '..');
/** PGlite under DATA_DIR even when TEST_SERVICES=1 would give the gateway PostgreSQL: the lock is PGlite's. */
const PGLITE = { DATABASE_URL: '' };

/** The pid of a process that has exited: nothing on this host runs under it now (until reused). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await withTimeout(new Promise((resolve) => child.once('exit', resolve)), 20_000, 'a short process to exit');
  return child.pid!;
}

describe('one process per PGlite DATA_DIR (lock file)', () => {
  let build: GatewayBuild;
  let dir: { path: string; remove(): Promise<void> };

  beforeAll(async () => {
    build = await buildGateway();
  }, 120_000);
  afterAll(async () => {
    await build?.remove();
  });
  beforeEach(async () => {
    dir = await createTempDir('pn-lock-');
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('refuses a second gateway on the same directory, naming the directory and the holder, and frees it on stop', async () => {
    const first = await startTestGateway({ ...PGLITE, DATA_DIR: dir.path });
    try {
      const holder = JSON.parse(await readFile(join(dir.path, LOCK_FILE), 'utf8')) as { pid: number; host: string };
      expect(holder).toMatchObject({ pid: process.pid, host: hostname() });
      const second = startTestGateway({ ...PGLITE, DATA_DIR: dir.path });
      await expect(second).rejects.toThrow(`DATA_DIR ${dir.path} is in use by pid ${process.pid} on host ${hostname()}`);
      // The refused start left the holder's lock alone.
      expect(existsSync(join(dir.path, LOCK_FILE))).toBe(true);
    } finally {
      await first.stop();
    }
    expect(existsSync(join(dir.path, LOCK_FILE))).toBe(false);
    const again = await startTestGateway({ ...PGLITE, DATA_DIR: dir.path });
    await again.stop();
  }, 120_000);

  it('takes over the stale lock of a process that is gone', async () => {
    const pid = await deadPid();
    await writeFile(join(dir.path, LOCK_FILE), JSON.stringify({ pid, host: hostname(), token: 'gone', acquiredAt: new Date(0).toISOString() }));
    const gw = await startTestGateway({ ...PGLITE, DATA_DIR: dir.path });
    try {
      expect(JSON.parse(await readFile(join(dir.path, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    } finally {
      await gw.stop();
    }
  }, 120_000);

  it('makes a gateway process on a held directory exit 1 with that message on stderr', async () => {
    const holder = await startTestGateway({ ...PGLITE, DATA_DIR: dir.path });
    try {
      const child = spawn(process.execPath, [join(build.dir, 'src', 'main.js')], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', NODE_PATH: join(root, 'node_modules'), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', DATA_DIR: dir.path },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await withTimeout(new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c))), 60_000, 'the second process to exit');
      expect(code).toBe(1);
      expect(stderr).toContain(`DATA_DIR ${dir.path} is in use by pid ${process.pid} on host ${hostname()}`);
    } finally {
      await holder.stop();
    }
  }, 120_000);
});
