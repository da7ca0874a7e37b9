import { toPlatformTime } from '../../shared/time';
import type { AppState } from '../state';
import type { CallRoute } from './call-route';

/** One simulated call: who dialled what, how the platform routed it, and when it began. */
export interface CallContext {
  readonly app: AppState;
  readonly sessionId: string;
  readonly caller: string;
  /** The number dialled (X, or Y in AXYB). */
  readonly dialled: string;
  readonly route: CallRoute;
  /**
   * Emulator clock at callin, epoch ms. A call's times are this plus its steps' platform seconds, so a
   * call keeps its real-life length in pushes and CDR (30 s of talk read as 30 s) whatever the time scale,
   * while it plays in scaled wall time.
   */
  readonly startMs: number;
}

/** `yyyy-MM-dd HH:mm:ss` UTC of the moment `at` platform seconds after callin. */
export function timeAt(call: CallContext, at: number): string {
  return toPlatformTime(new Date(call.startMs + at * 1000));
}
