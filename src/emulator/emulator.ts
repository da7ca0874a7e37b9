import type { Logger } from '../shared/logger';
import { silentLogger } from '../shared/logger';
import { Authenticator } from './auth/authenticator';
import { IpLockout } from './auth/lockout';
import { createClock } from './clock';
import { resolveConfig, type ConfigOverrides } from './emulator-config';
import { ControlEndpoint } from './http/control';
import type { Fault } from './http/faults';
import { FaultInjector } from './http/faults';
import { EmulatorHttpServer } from './http/http-server';
import { Pipeline } from './http/pipeline';
import { RequestCounter } from './http/request-counter';
import { Router } from './http/router';
import { assertSeed, assertSeedNumbers } from './seed-validation';
import type { EmulatorSeed, SeedApp, SeedNumber } from './seed';
import { EmulatorState } from './state';
import { StateFile } from './state-file';
import type { NumberStatusInput } from './simulator/number-status';
import type { PushLog } from './simulator/push-log';
import type { SimulateCallInput, SimulateSmsInput } from './simulator/simulate-input';
import { Simulator } from './simulator/simulator';
import { resolveSimulatorOptions, type SimulatorOverrides } from './simulator/simulator-options';
import type { SmsDelivery } from './simulator/sms-simulator';

export type { Fault, FaultResponse } from './http/faults';
export type { NumberStatusInput } from './simulator/number-status';
export type { PushAttempt, PushKind, PushLog, PushRecord, PushState } from './simulator/push-log';
export { SimulationError, type SimulateCallInput, type SimulateSmsInput } from './simulator/simulate-input';
export type { CallTimings, SimulatorOptions, SimulatorOverrides } from './simulator/simulator-options';
export type { SmsDelivery } from './simulator/sms-simulator';
export type { EmulatorAuthOptions, EmulatorLimits } from './emulator-config';
export { EmulatorState } from './state';

export interface EmulatorOptions extends ConfigOverrides {
  seed: EmulatorSeed;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Port to bind; 0 = any free port. Default 0. */
  port?: number;
  /** Default: a silent logger. */
  logger?: Logger;
  /** Wall clock in epoch ms. Default Date.now; tests inject one to move time by hand. */
  now?: () => number;
  /** The call and SMS simulator: push timeouts, retry schedule, CDR batching, SMS Block deadline, step timings. */
  simulator?: SimulatorOverrides;
  /**
   * A JSON file keeping numbers, bindings, sessions and recordings across restarts (`state-file.ts`): read
   * at start when it exists, saved shortly after each change and on stop. Default: state in memory only.
   */
  stateFile?: string;
  /**
   * Serve the control endpoint `POST /_control/calls|sms|number-status` (http/control.ts, docs/emulator.md):
   * the simulations over HTTP, without authentication. Default false: those paths do not exist.
   */
  control?: boolean;
}

/** A running emulator of the platform's REST surface (rest-api.md), with handles for tests and simulators. */
export interface Emulator {
  /** `http://<host>:<port>`. */
  readonly baseUrl: string;
  /** `<baseUrl>/_control` when started with `control: true`, else undefined. */
  readonly controlUrl?: string;
  /** The apps with the numbers they own now. */
  readonly apps: readonly SeedApp[];
  /** Adds numbers to an app's pool (or updates their city); a number owned by another app throws. */
  addNumbers(appName: string, numbers: SeedNumber[]): void;
  /** An abnormal number keeps its bindings but takes no new ones (1012102). Unknown numbers throw. */
  setNumberAbnormal(number: string, abnormal: boolean): void;
  /** A recording the download interface will serve for 7 (scaled) days from `createdAtMs` (default now). */
  addRecording(rec: { fileName: string; recordDomain: string; createdAtMs?: number }): void;
  /** A call in progress of the app with this key, which callStop may end. Unknown app keys throw. */
  registerSession(appKey: string, sessionId: string): void;
  endSession(sessionId: string): void;
  injectFault(f: Fault): void;
  /** While on, every request gets the flow-control refusal (1010010, `flowControlHttpStatus`). */
  setFlowControl(active: boolean): void;
  /** Drops pending faults and turns flow control off. */
  clearFaults(): void;
  /** Requests received (faulted and 404 ones included) matching method and URI path. */
  requestCount(filter?: { method?: string; uri?: string }): number;
  resetCounts(): void;
  /** Apps, bindings, sessions and recordings, for the call simulator and tests. */
  readonly state: EmulatorState;
  /**
   * Dials `to` from `from` (AXE: then keys `extension`) and returns at once; the call plays in scaled time
   * and is pushed like the platform does (docs/emulator.md). Unknown caller or number: SimulationError.
   */
  simulateCall(input: SimulateCallInput): { sessionId: string; app: string };
  /** Texts `to` from `from`; forwarding and pushes follow asynchronously. AXE/AXYB apps: SimulationError. */
  simulateSms(input: SimulateSmsInput): { smsIdentifier: string; app: string };
  /** Sets a number's status (9/10 abnormal, 11 binding frozen, 5 normal) and pushes `numStatus` to its app. */
  pushNumberStatus(input: NumberStatusInput): void;
  /** Every push made, with its attempts; `settled()` and `waitFor()` for tests. */
  readonly pushes: PushLog;
  /** Every SMS the simulator delivered to a real receiver (what the receiver's phone got). */
  readonly smsDeliveries: readonly SmsDelivery[];
  /** Stops the simulator (timers, retries, pushes in flight), then the HTTP server, then saves the state file. */
  stop(): Promise<void>;
}

/** Validates the seed, binds the port and serves until `stop()`. */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  assertSeed(options.seed, options.numberPattern);
  const config = resolveConfig(options.seed, options);
  const clock = createClock(options.now ?? Date.now, config.timeScale);
  const logger = options.logger ?? silentLogger();
  const state = new EmulatorState(options.seed, clock, config);
  const stateFile = options.stateFile ? new StateFile(options.stateFile, state, clock.now, logger) : null;
  const restored = stateFile ? (await stateFile.load()).restored : false;
  const auth = config.auth;
  const lockout = new IpLockout(clock, auth.lockoutThreshold, clock.scaled(auth.lockoutWindowSeconds), clock.scaled(auth.lockoutSeconds));
  const authenticator = new Authenticator({ findApp: (key) => state.appByKey(key), clock, options: auth });
  const pipeline = new Pipeline({ router: new Router(), authenticator, lockout, state, clock, config, logger });
  const faults = new FaultInjector(config.flowControlHttpStatus);
  const counter = new RequestCounter();
  const simulator = new Simulator({ state, clock, config, logger, options: resolveSimulatorOptions(options.simulator) });
  const control = options.control ? new ControlEndpoint(simulator) : undefined;
  const server = new EmulatorHttpServer({ pipeline, faults, counter, logger, maxBodyBytes: config.maxBodyBytes, control });
  const host = options.host ?? '127.0.0.1';
  const port = await server.listen(host, options.port ?? 0);
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const controlUrl = control ? `${baseUrl}/_control` : undefined;
  logger.info({ baseUrl, controlUrl, apps: options.seed.apps.map((a) => a.name), stateFile: stateFile?.path, restored }, 'emulator listening');
  return {
    baseUrl,
    controlUrl,
    get apps() {
      return state.listApps().map((a) => a.toSeedApp());
    },
    addNumbers: (appName, numbers) => {
      assertSeedNumbers(numbers, `addNumbers(${appName})`, config.numberPattern);
      state.addNumbers(appName, numbers);
    },
    setNumberAbnormal: (number, abnormal) => state.setNumberAbnormal(number, abnormal),
    addRecording: (rec) => void state.recordings.add(rec),
    registerSession: (appKey, sessionId) => {
      if (!state.appByKey(appKey)) throw new Error(`Unknown app key "${appKey}"`);
      state.sessions.register(appKey, sessionId);
    },
    endSession: (sessionId) => void state.sessions.end(sessionId),
    injectFault: (f) => faults.inject(f),
    setFlowControl: (active) => faults.setFlowControl(active),
    clearFaults: () => faults.clear(),
    requestCount: (filter) => counter.count(filter),
    resetCounts: () => counter.reset(),
    state,
    simulateCall: (input) => simulator.simulateCall(input),
    simulateSms: (input) => simulator.simulateSms(input),
    pushNumberStatus: (input) => simulator.pushNumberStatus(input),
    pushes: simulator.pushes,
    get smsDeliveries() {
      return simulator.smsDeliveries();
    },
    stop: async () => {
      simulator.stop();
      try {
        await server.close();
      } finally {
        await stateFile?.close();
      }
    },
  };
}
