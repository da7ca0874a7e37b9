import { performance } from 'node:perf_hooks';
import type { CallEventBody, WireCallEventType } from '../../platform/push-wire';
import type { Clock } from '../clock';
import type { CallContext } from './call-context';
import { callEventBody } from './call-events';
import type { CallStep } from './call-plan';
import type { CallSummary } from './cdr-builder';
import type { TimerSet } from './timer-set';

export interface CallPlayerDeps {
  timers: TimerSet;
  clock: Clock;
  /** Queues one event push of this call; pushes of a call leave in the order queued. */
  push(body: CallEventBody): void;
  /** Called once, right after the disconnect was queued. */
  onEnd(summary: CallSummary): void;
}

/**
 * Plays one call's steps in scaled wall time: each step fires `clock.scaled(at)` after callin, one after
 * the other, and queues its event push. Steps at 0 (callin) play at once, inside `start()`. A call moves
 * only forward: once disconnected, nothing else plays.
 */
export class CallPlayer {
  private readonly reached: Partial<Record<WireCallEventType, number>> = {};
  private anchor = 0;
  private cancelNext: () => void = () => undefined;
  private ended = false;

  constructor(
    private readonly call: CallContext,
    private readonly steps: readonly CallStep[],
    private readonly deps: CallPlayerDeps,
  ) {}

  get isEnded(): boolean {
    return this.ended;
  }

  start(): void {
    this.anchor = performance.now();
    this.playFrom(0);
  }

  /**
   * Ends the call now (callStop, rest-api.md §8.4) with a disconnect at the platform second reached:
   * code 0 once answered, else 7502 after alerting, 7501 before [U: the platform documents no code].
   */
  stopNow(): void {
    if (this.ended) return;
    this.cancelNext();
    const last = Math.max(0, ...Object.values(this.reached));
    const elapsed = Math.floor((performance.now() - this.anchor) / this.deps.clock.scaled(1));
    const plannedEnd = this.steps[this.steps.length - 1]?.at ?? last;
    const at = Math.min(Math.max(last, elapsed), Math.max(last, plannedEnd));
    const code = this.reached.answer !== undefined ? 0 : this.reached.alerting !== undefined ? 7502 : 7501;
    this.play({ at, event: 'disconnect', code });
  }

  private playFrom(index: number): void {
    for (let i = index; i < this.steps.length && !this.ended; i += 1) {
      const step = this.steps[i];
      const delay = this.anchor + this.deps.clock.scaled(step.at) - performance.now();
      if (step.at > 0 && delay > 0) {
        this.cancelNext = this.deps.timers.after(delay, () => {
          this.play(step);
          this.playFrom(i + 1);
        });
        return;
      }
      this.play(step);
    }
  }

  private play(step: CallStep): void {
    if (this.ended) return;
    this.reached[step.event] = step.at;
    this.deps.push(callEventBody(this.call, step, this.reached.callout !== undefined));
    if (step.event === 'answer' && this.call.route.kind === 'connect') this.call.route.onAnswer?.();
    if (step.event !== 'disconnect') return;
    this.ended = true;
    this.cancelNext();
    this.deps.onEnd({ reached: { ...this.reached }, code: step.code });
  }
}
