import type { AxBinding } from './modes/ax.store';
import type { AxbBinding } from './modes/axb.store';
import type { AxeBinding, CursorKey } from './modes/axe.store';
import type { AxybRelation } from './modes/axyb.store';
import type { PoolNumber } from './number-pool';
import type { RecordingsSnapshot } from './recordings';
import type { EmulatorState } from './state';

/** Bumped when the shape changes; a file of another version is refused (start clean with sandbox:reset). */
export const SNAPSHOT_VERSION = 1;

/** One app's numbers and bindings. Expiry is kept as absolute epoch ms, so a restore needs no timers. */
export interface AppSnapshot {
  numbers: PoolNumber[];
  axb: AxbBinding[];
  ax: AxBinding[];
  axe: AxeBinding[];
  axeLastKey: CursorKey;
  axyb: AxybRelation[];
}

/** What the emulator's state file holds (JSON): everything a restart must not forget. */
export interface EmulatorSnapshot {
  version: typeof SNAPSHOT_VERSION;
  savedAt: string;
  apps: Record<string, AppSnapshot>;
  /** Calls in progress as [sessionId, appKey]. */
  sessions: Array<[string, string]>;
  recordings: RecordingsSnapshot;
}

export function takeSnapshot(state: EmulatorState, nowMs: number): EmulatorSnapshot {
  const apps: Record<string, AppSnapshot> = {};
  for (const app of state.listApps()) {
    apps[app.name] = {
      numbers: app.pool.list(),
      axb: app.axb.all(),
      ax: app.ax.all(),
      axe: app.axe.all(),
      axeLastKey: app.axe.lastCursorKey,
      axyb: app.axyb.all(),
    };
  }
  return { version: SNAPSHOT_VERSION, savedAt: new Date(nowMs).toISOString(), apps, sessions: state.sessions.entries(), recordings: state.recordings.snapshot() };
}

/**
 * Puts a snapshot back into a freshly seeded state. Apps the seed no longer has are dropped; numbers the
 * seed has and the snapshot lacks stay (the seed may have grown). Expired bindings go at the next purge.
 */
export function restoreSnapshot(state: EmulatorState, snapshot: EmulatorSnapshot): void {
  for (const [name, saved] of Object.entries(snapshot.apps)) {
    const app = state.app(name);
    if (!app) continue;
    for (const n of saved.numbers) {
      app.pool.add({ number: n.number, cityCode: n.cityCode });
      Object.assign(app.pool.get(n.number)!, { abnormal: n.abnormal, frozen: n.frozen });
    }
    for (const b of saved.axb) app.axb.add(b);
    for (const b of saved.ax) app.ax.add(b);
    for (const b of saved.axe) app.axe.add(b);
    app.axe.restoreLastKey(saved.axeLastKey);
    for (const r of saved.axyb) app.axyb.add(r);
  }
  state.sessions.restore(snapshot.sessions);
  state.recordings.restore(snapshot.recordings);
}

/** Checks the parts restore relies on; anything else in the file is trusted (only the emulator writes it). */
export function parseSnapshot(text: string, path: string): EmulatorSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`emulator state file ${path} is not valid JSON (${(err as Error).message}); remove it to start clean (npm run sandbox:reset)`);
  }
  const v = value as Partial<EmulatorSnapshot> | null;
  if (!v || v.version !== SNAPSHOT_VERSION || typeof v.apps !== 'object' || !Array.isArray(v.sessions) || !v.recordings) {
    throw new Error(`emulator state file ${path} is not a version ${SNAPSHOT_VERSION} snapshot; remove it to start clean (npm run sandbox:reset)`);
  }
  return v as EmulatorSnapshot;
}
