import type { WireCallEventType } from '../../platform/push-wire';
import type { CallRoute } from './call-route';
import { rangBefore } from './hangup-codes';
import type { CallTimings } from './simulator-options';

/** One step of a call: its event at `at` platform seconds after callin; disconnect carries the hang-up code. */
export type CallStep = { at: number; event: Exclude<WireCallEventType, 'disconnect'> } | { at: number; event: 'disconnect'; code: number };

/** How the forwarded callee behaves. */
export interface CalleeScript {
  answer: boolean;
  talkSeconds: number;
  /** Hang-up code when the callee does not answer (Appendix A). */
  hangupCode: number;
}

/**
 * The steps a call goes through (push-api.md §2.5): callin → [collectInfo] → disconnect when refused;
 * callin → [collectInfo] → callout → alerting → answer → disconnect (0, or 8010 at maxDuration) when
 * answered; callout → [alerting] → disconnect (the code) when not. Pure: the player runs it on timers.
 */
export function planCall(route: CallRoute, callee: CalleeScript, t: CallTimings): CallStep[] {
  const steps: CallStep[] = [{ at: 0, event: 'callin' }];
  let at = 0;
  if (route.digits !== undefined) steps.push({ at: (at += t.collectSeconds), event: 'collectInfo' });
  if (route.kind === 'refuse') return [...steps, { at: at + t.calloutSeconds, event: 'disconnect', code: route.code }];
  steps.push({ at: (at += t.calloutSeconds), event: 'callout' });
  if (!callee.answer && !rangBefore(callee.hangupCode)) {
    return [...steps, { at: at + t.alertingSeconds, event: 'disconnect', code: callee.hangupCode }];
  }
  steps.push({ at: (at += t.alertingSeconds), event: 'alerting' });
  if (!callee.answer) return [...steps, { at: at + t.ringSeconds, event: 'disconnect', code: callee.hangupCode }];
  steps.push({ at: (at += t.ringSeconds), event: 'answer' });
  const limit = route.binding.maxDurationMinutes * 60;
  const cut = limit > 0 && callee.talkSeconds > limit;
  return [...steps, { at: at + (cut ? limit : callee.talkSeconds), event: 'disconnect', code: cut ? 8010 : 0 }];
}
