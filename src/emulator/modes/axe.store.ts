import type { AxeSettings, TimeUnit } from '../../platform/wire';
import { BindingMap } from '../binding-map';

/** Position of a binding in AXE v2 paging: creation ms, then a sequence number unique in the store. */
export interface CursorKey {
  readonly ms: number;
  readonly seq: number;
}

/**
 * One AXE binding: A is reached as X + extension (rest-api.md §7). The settings are the wire's as given at
 * bind (`recordFlag` as a boolean); `timeUnit`, `bindExpiredTime` and `callbackExpiredTime` stay the bind-time
 * values: queries show these even after a modify changed the lifetime (rest-api.md §7.3).
 */
export interface AxeBinding extends Omit<AxeSettings, 'recordFlag'> {
  readonly subscriptionId: string;
  readonly virtualNum: string;
  readonly extendNum: string;
  readonly bindNum: string;
  recordFlag: boolean;
  /** The unit the current lifetime was given in (a modify may change it; queries still show `timeUnit`). */
  effectiveTimeUnit: TimeUnit;
  subscribeTimeMs: number;
  expiresAtMs?: number;
  readonly key: CursorKey;
}

export function compareKeys(a: CursorKey, b: CursorKey): number {
  return a.ms !== b.ms ? a.ms - b.ms : a.seq - b.seq;
}

/** AXE bindings of one app. Keys only grow, so a cursor stays valid while bindings are added or removed. */
export class AxeStore extends BindingMap<AxeBinding> {
  private lastKey: CursorKey = { ms: 0, seq: 0 };

  /** The key for a binding created now: never smaller than any key handed out before. */
  nextKey(nowMs: number): CursorKey {
    this.lastKey = { ms: Math.max(nowMs, this.lastKey.ms), seq: this.lastKey.seq + 1 };
    return this.lastKey;
  }

  /** The last key handed out, for the state file: a restored store never repeats a key. */
  get lastCursorKey(): CursorKey {
    return this.lastKey;
  }

  restoreLastKey(key: CursorKey): void {
    if (compareKeys(key, this.lastKey) > 0) this.lastKey = key;
  }

  /** Bindings on X in key order. */
  onNumber(virtualNum: string): AxeBinding[] {
    return this.filter((b) => b.virtualNum === virtualNum).sort((a, b) => compareKeys(a.key, b.key));
  }

  byExtension(virtualNum: string, extendNum: string): AxeBinding | undefined {
    return this.all().find((b) => b.virtualNum === virtualNum && b.extendNum === extendNum);
  }
}
