import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../shared/logger';
import type { EmulatorState } from './state';
import { parseSnapshot, restoreSnapshot, takeSnapshot } from './state-snapshot';

/** The embedded emulator's state file inside DATA_DIR (sandbox); `npm run sandbox:reset` removes it. */
export const EMULATOR_STATE_FILE = 'emulator-state.json';

/** Changes within this long share one write, milliseconds: a burst of binds costs one file write. */
export const STATE_SAVE_DELAY_MS = 50;

/**
 * Keeps an emulator's state in one JSON file. `load()` restores it at start (a missing file = a fresh
 * start); afterwards every `state.changed()` schedules a save, coalesced over STATE_SAVE_DELAY_MS, written
 * to `<file>.tmp` and renamed over the file, so a reader (or a kill -9) sees the old file or the new one,
 * never half of one. `close()` writes what is pending and stops listening. What changed in the last
 * STATE_SAVE_DELAY_MS before a kill -9 is lost.
 */
export class StateFile {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private closed = false;
  private unsubscribe: () => void = () => undefined;

  constructor(
    readonly path: string,
    private readonly state: EmulatorState,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  /** Restores the file into the state (if it exists), then saves on every change. */
  async load(): Promise<{ restored: boolean }> {
    const restored = existsSync(this.path);
    if (restored) restoreSnapshot(this.state, parseSnapshot(await readFile(this.path, 'utf8'), this.path));
    await mkdir(dirname(this.path), { recursive: true });
    this.unsubscribe = this.state.onChange(() => this.schedule());
    return { restored };
  }

  /** Writes pending changes now; resolves once they are on disk. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.dirty) this.writing = this.writing.then(() => this.write());
    await this.writing;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    await this.flush();
  }

  private schedule(): void {
    this.dirty = true;
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writing = this.writing.then(() => this.write());
    }, STATE_SAVE_DELAY_MS);
  }

  private async write(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const tmp = `${this.path}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify(takeSnapshot(this.state, this.now())));
      await rename(tmp, this.path);
    } catch (err) {
      // Kept dirty: the next change (or close) tries again. The emulator keeps serving meanwhile.
      this.dirty = true;
      this.logger.error({ err, path: this.path }, 'emulator state not saved');
    }
  }
}
