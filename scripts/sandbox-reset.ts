import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EMULATOR_STATE_FILE } from '../src/emulator/state-file';
import { isAlive, LOCK_FILE, readLock } from '../src/store/data-dir-lock';

/**
 * `npm run sandbox:reset`: a clean sandbox. Removes DATA_DIR's PGlite store (`pglite/`), the embedded
 * emulator's state file and the lock, and nothing else. Refuses (exit 1) while a live process holds the
 * lock: stop the gateway first. DATA_DIR defaults to ./data, as for the gateway.
 */
async function main(): Promise<void> {
  const dataDir = resolve(process.env.DATA_DIR?.trim() || './data');
  const lockPath = join(dataDir, LOCK_FILE);
  const holder = await readLock(lockPath);
  if (typeof holder === 'object' && isAlive(holder, lockPath)) {
    process.stderr.write(`sandbox:reset: DATA_DIR ${dataDir} is in use by pid ${holder.pid} on host ${holder.host}; stop that process first\n`);
    process.exit(1);
  }
  for (const name of ['pglite', EMULATOR_STATE_FILE, `${EMULATOR_STATE_FILE}.tmp`, LOCK_FILE]) await rm(join(dataDir, name), { recursive: true, force: true });
  process.stdout.write(`sandbox:reset: ${dataDir} is clean (store, emulator state and lock removed)\n`);
}

void main();
