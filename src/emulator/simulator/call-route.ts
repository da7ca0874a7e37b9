import type { Clock } from '../clock';
import type { EmulatorLimits } from '../emulator-config';
import type { AppState } from '../state';
import type { CallbackRecords } from './callback-records';

/** What a matched binding brings to a call's pushes and CDR. */
export interface CallBinding {
  readonly subscriptionId: string;
  readonly userData?: string;
  /** AXE: the binding's extension. */
  readonly extendNum?: string;
  /** The binding records its calls (only answered calls produce a recording). */
  readonly recordFlag: boolean;
  /** Talk-time limit in minutes from answer (AX, AXB maxDuration); 0 = none. */
  readonly maxDurationMinutes: number;
}

/** CDR `direction` (push-api.md §3.4): 0 someone called A (B→A), 1 A called out, 2 abnormal (no binding). */
export type CdrDirection = 0 | 1 | 2;

/**
 * The platform's routing decision for one dialled call. `connect`: forwarded to `destination`, shown
 * `display` (callout's caller). `refuse`: released with hang-up code `code` before any callout. `digits`:
 * AXE extension collected after callin (a collectInfo push follows callin; the binding is known from then on).
 */
export type CallRoute =
  | {
      kind: 'connect';
      direction: 0 | 1;
      binding: CallBinding;
      display: string;
      destination: string;
      digits?: string;
      /** Runs when the forwarded callee answers (AXE: stores the callback record). */
      onAnswer?: () => void;
    }
  | { kind: 'refuse'; direction: CdrDirection; code: number; binding?: CallBinding; digits?: string };

/** One dialled call, as the router sees it. */
export interface RouteInput {
  app: AppState;
  caller: string;
  /** The number dialled: X, or Y in AXYB. */
  dialled: string;
  /** AXE: the digits keyed after the prompt. */
  extension?: string;
}

export interface RouteContext {
  clock: Clock;
  limits: EmulatorLimits;
  callbacks: CallbackRecords;
}

export function connect(direction: 0 | 1, binding: CallBinding, display: string, destination: string, extra: Partial<Extract<CallRoute, { kind: 'connect' }>> = {}): CallRoute {
  return { kind: 'connect', direction, binding, display, destination, ...extra };
}

export function refuse(direction: CdrDirection, code: number, binding?: CallBinding, digits?: string): CallRoute {
  return { kind: 'refuse', direction, code, ...(binding ? { binding } : {}), ...(digits !== undefined ? { digits } : {}) };
}

/** The binding fields shared by every mode, with userData only when set. */
export function callBinding(b: { subscriptionId: string; userData?: string; recordFlag: boolean }, maxDurationMinutes = 0, extendNum?: string): CallBinding {
  return {
    subscriptionId: b.subscriptionId,
    recordFlag: b.recordFlag,
    maxDurationMinutes,
    ...(b.userData !== undefined ? { userData: b.userData } : {}),
    ...(extendNum !== undefined ? { extendNum } : {}),
  };
}
