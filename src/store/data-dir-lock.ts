import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { Disposable } from '../shared/disposable';

/** The lock file's name inside DATA_DIR; `npm run sandbox:reset` removes it too. */
export const LOCK_FILE = 'gateway.lock';

/** What the lock file holds (JSON). `token` tells this holder from an earlier process that had the same pid. */
export interface LockHolder {
  pid: number;
  host: string;
  token: string;
  acquiredAt: string;
}

/** A second process (or a second gateway in this one) asked for a directory that a live holder has. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by pid ${holder.pid} on host ${holder.host} (lock ${join(dataDir, LOCK_FILE)}, since ${holder.acquiredAt}); ` +
        'only one process may use a PGlite directory: stop that process or give this one another DATA_DIR',
    );
    this.name = 'DataDirLockedError';
  }
}

/** Tokens of the locks this process holds, by lock path: a same-pid lock not listed here is a dead process's. */
const heldHere = new Map<string, string>();

export interface DataDirLock extends Disposable {
  readonly path: string;
  readonly holder: LockHolder;
}

/**
 * Takes `<dataDir>/gateway.lock` (created exclusively, `wx`). A lock whose holder is alive — another process
 * on this host whose pid exists, this process itself, or any process on another host (which cannot be
 * checked) — refuses with DataDirLockedError. A lock of a pid that no longer runs on this host is stale and
 * taken over (kill -9 leaves one behind). dispose() removes the file only while it is still this holder's.
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const dir = resolve(dataDir);
  const path = join(dir, LOCK_FILE);
  await mkdir(dir, { recursive: true });
  const holder: LockHolder = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), acquiredAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    if (await createExclusive(path, holder)) break;
    const existing = await readLock(path);
    if (existing === 'absent') continue;
    if (existing !== 'unreadable' && isAlive(existing, path)) throw new DataDirLockedError(dir, existing);
    // Stale (or a torn write of a process killed mid-write): take it over. Two takers racing both unlink,
    // but only one of them wins the exclusive create that follows.
    if (attempt >= 3) throw new Error(`cannot take over the stale lock ${path}`);
    await unlink(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  heldHere.set(path, holder.token);
  let released = false;
  return {
    path,
    holder,
    async dispose() {
      if (released) return;
      released = true;
      if (heldHere.get(path) === holder.token) heldHere.delete(path);
      const current = await readLock(path);
      if (typeof current === 'object' && current.token === holder.token) await unlink(path).catch(() => undefined);
    },
  };
}

/** The holder recorded in a lock file, if any; 'unreadable' for a file that is not a lock (torn write). */
export async function readLock(path: string): Promise<LockHolder | 'absent' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw err;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, host: value.host, token: value.token, acquiredAt: String(value.acquiredAt ?? 'unknown') };
    }
  } catch {
    // fall through: not a lock this code wrote
  }
  return 'unreadable';
}

/** Whether the recorded holder may still be running (see acquireDataDirLock). */
export function isAlive(holder: LockHolder, path: string): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return heldHere.get(path) === holder.token;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    // EPERM: the pid exists but belongs to another user, so it is alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function createExclusive(path: string, holder: LockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    await handle.writeFile(`${JSON.stringify(holder)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}
