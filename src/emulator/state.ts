import type { WireNumStatus } from '../platform/push-wire';
import { UnreachableCaseError } from '../shared/unreachable';
import type { Clock } from './clock';
import type { EmulatorConfig } from './emulator-config';
import { AxStore } from './modes/ax.store';
import { AxbStore } from './modes/axb.store';
import { AxeStore } from './modes/axe.store';
import { AxybStore } from './modes/axyb.store';
import { NumberPool } from './number-pool';
import { RecordingStore } from './recordings';
import type { EmulatorSeed, SeedApp, SeedNumber, SeedPushUrls } from './seed';
import { SessionRegistry } from './sessions';

/**
 * One app's state: its number pool and its bindings. Only the store of the app's own mode ever fills (the
 * pipeline refuses other modes' URIs with 1010040); the others stay empty.
 */
export class AppState {
  readonly pool: NumberPool;
  readonly axb = new AxbStore();
  readonly ax = new AxStore();
  readonly axe = new AxeStore();
  readonly axyb = new AxybStore();

  constructor(private readonly seedApp: SeedApp) {
    this.pool = new NumberPool(seedApp.numbers);
  }

  get name(): string {
    return this.seedApp.name;
  }

  get mode(): SeedApp['mode'] {
    return this.seedApp.mode;
  }

  get appKey(): string {
    return this.seedApp.appKey;
  }

  get appSecret(): string {
    return this.seedApp.appSecret;
  }

  /** AXE extension length, 1–4 digits (default 4). */
  get extensionLength(): number {
    return this.seedApp.extensionLength ?? 4;
  }

  /** Where this app's pushes go; undefined = it pushes nothing. */
  get push(): SeedPushUrls | undefined {
    return this.seedApp.push;
  }

  /** The push signing scheme the seed asks for, if any. */
  get pushScheme(): 'aksk' | 'wsse' | undefined {
    return this.seedApp.pushScheme;
  }

  /** `spId` of this app's CDRs: the seed's, else `sp-<name>` cut to the field's 32 characters. */
  get spId(): string {
    return this.seedApp.spId ?? `sp-${this.seedApp.name}`.slice(0, 32);
  }

  /** The app as a seed entry, with the numbers it owns now. */
  toSeedApp(): SeedApp {
    return { ...this.seedApp, numbers: this.pool.list().map((n) => ({ number: n.number, cityCode: n.cityCode })) };
  }

  purge(nowMs: number): void {
    this.axb.purge(nowMs);
    this.ax.purge(nowMs);
    this.axe.purge(nowMs);
    this.axyb.purge(nowMs);
  }
}

/**
 * Everything the emulator knows: apps with their numbers and bindings, calls in progress, recordings.
 * Readers outside the REST surface (the call simulator, tests) call `purgeExpired()` first, or use the
 * accessors here, which do it for them.
 */
export class EmulatorState {
  readonly sessions = new SessionRegistry(() => this.changed());
  readonly recordings: RecordingStore;
  private readonly apps = new Map<string, AppState>();
  private readonly changeListeners = new Set<() => void>();

  constructor(
    seed: EmulatorSeed,
    private readonly clock: Clock,
    config: EmulatorConfig,
  ) {
    this.recordings = new RecordingStore(clock, config.recordingRetentionSeconds, config.downloadUrlSeconds, () => this.changed());
    for (const app of seed.apps) this.apps.set(app.name, new AppState(app));
  }

  /**
   * Says the state may have changed. Called by every mutation here, by sessions and recordings, and by the
   * pipeline after each request that is not a GET (the mode routes change bindings in place).
   */
  changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  /** Subscribes to `changed()`; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Every app, expired bindings purged. */
  listApps(): AppState[] {
    this.purgeExpired();
    return [...this.apps.values()];
  }

  app(name: string): AppState | undefined {
    this.purgeExpired();
    return this.apps.get(name);
  }

  appByKey(appKey: string): AppState | undefined {
    return this.listApps().find((a) => a.appKey === appKey);
  }

  /** The app owning `number` as X or Y. */
  appOfNumber(number: string): AppState | undefined {
    return this.listApps().find((a) => a.pool.get(number) !== undefined);
  }

  /** Adds numbers to an app's pool; a number owned by another app is refused. */
  addNumbers(appName: string, numbers: readonly SeedNumber[]): void {
    const app = this.apps.get(appName);
    if (!app) throw new Error(`Unknown app "${appName}"`);
    for (const n of numbers) {
      const owner = this.appOfNumber(n.number);
      if (owner && owner !== app) throw new Error(`Number ${n.number} already belongs to app "${owner.name}"`);
    }
    for (const n of numbers) app.pool.add(n);
    this.changed();
  }

  setNumberAbnormal(number: string, abnormal: boolean): void {
    const entry = this.appOfNumber(number)?.pool.get(number);
    if (!entry) throw new Error(`Unknown number ${number}`);
    entry.abnormal = abnormal;
    this.changed();
  }

  /**
   * Applies an X number status (push-api.md §5.2) to the pool: "5" normal; "9" suspended and "10"
   * unavailable make it abnormal; "11" freezes bindings only. Returns the owning app; unknown numbers throw.
   */
  setNumberStatus(number: string, status: WireNumStatus): AppState {
    const app = this.appOfNumber(number);
    const entry = app?.pool.get(number);
    if (!app || !entry) throw new Error(`Unknown number ${number}`);
    switch (status) {
      case '5':
        Object.assign(entry, { abnormal: false, frozen: false });
        break;
      case '9':
      case '10':
        Object.assign(entry, { abnormal: true, frozen: false });
        break;
      case '11':
        Object.assign(entry, { abnormal: false, frozen: true });
        break;
      default:
        throw new UnreachableCaseError(status);
    }
    this.changed();
    return app;
  }

  /** Removes every binding, YB relation and temporary callee whose lifetime has ended. */
  purgeExpired(): void {
    const now = this.clock.now();
    for (const app of this.apps.values()) app.purge(now);
  }
}
