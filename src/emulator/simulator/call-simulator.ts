import type { CallEventBody } from '../../platform/push-wire';
import type { CallbackRecords } from './callback-records';
import type { CallContext } from './call-context';
import { planCall } from './call-plan';
import { CallPlayer } from './call-player';
import { routeCall } from './call-router';
import { buildFeeInfo, type CallSummary, type RecordingRef } from './cdr-builder';
import type { CdrBatcher } from './cdr-batcher';
import { calleeScript, resolveParties, type SimulateCallInput } from './simulate-input';
import type { SmsSimulatorDeps } from './sms-simulator';
import type { TimerSet } from './timer-set';

/** What the SMS simulator needs, and the CDR batcher, the call timers and the AXE callback records. */
export interface CallSimulatorDeps extends SmsSimulatorDeps {
  batcher: CdrBatcher;
  timers: TimerSet;
  callbacks: CallbackRecords;
}

/**
 * Plays calls dialled to a privacy number: routes them like the platform, registers the session on
 * callin (so callStop can end it) and ends it on disconnect, pushes the events in order, then the CDR.
 */
export class CallSimulator {
  private readonly players = new Map<string, CallPlayer>();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: CallSimulatorDeps) {
    this.unsubscribe = deps.state.sessions.onEnd(({ sessionId, reason }) => {
      if (reason === 'callStop') this.players.get(sessionId)?.stopNow();
    });
  }

  /** Starts a call and returns at once; it plays in scaled time. Impossible input throws SimulationError. */
  simulateCall(input: SimulateCallInput): { sessionId: string; app: string } {
    const { state, clock, config, options } = this.deps;
    const app = resolveParties(state, config.numberPattern, input.from, input.to);
    const callee = calleeScript(input);
    const route = routeCall(
      { app, caller: input.from, dialled: input.to, ...(input.extension !== undefined ? { extension: input.extension } : {}) },
      { clock, limits: config.limits, callbacks: this.deps.callbacks },
    );
    const startMs = clock.now();
    const call: CallContext = { app, sessionId: this.deps.ids.sessionId(startMs), caller: input.from, dialled: input.to, route, startMs };
    const release = this.deps.activity.hold();
    state.sessions.register(app.appKey, call.sessionId);
    const player = new CallPlayer(call, planCall(route, callee, options.timings), {
      timers: this.deps.timers,
      clock,
      push: (body) => this.pushEvent(call, body),
      onEnd: (summary) => this.finish(call, summary, release),
    });
    this.players.set(call.sessionId, player);
    this.deps.logger.info({ app: app.name, sessionId: call.sessionId, route: route.kind, code: route.kind === 'refuse' ? route.code : undefined }, 'simulated call started');
    player.start();
    return { sessionId: call.sessionId, app: app.name };
  }

  stop(): void {
    this.unsubscribe();
    this.players.clear();
  }

  private pushEvent(call: CallContext, body: CallEventBody): void {
    const send = () => this.deps.sender.send({ kind: 'callStatus', app: call.app, body, key: call.sessionId, retry: true });
    void this.deps.channels.run(call.sessionId, send);
  }

  /** After the disconnect: the session ends, the recording is stored, the CDR joins a batch once the
   * disconnect push had its first answer (so a call's CDR never overtakes its events). */
  private finish(call: CallContext, summary: CallSummary, release: () => void): void {
    this.players.delete(call.sessionId);
    this.deps.state.sessions.end(call.sessionId);
    const recording = this.record(call, summary);
    const fee = buildFeeInfo(call, summary, { icid: this.deps.ids.icid(), hostName: this.deps.options.hostName, ...(recording ? { recording } : {}) });
    this.deps.logger.info({ app: call.app.name, sessionId: call.sessionId, code: summary.code }, 'simulated call ended');
    void this.deps.channels
      .run(call.sessionId, async () => this.deps.batcher.add(call.app, fee))
      .catch((err: unknown) => this.deps.logger.error({ err, sessionId: call.sessionId }, 'CDR not queued'))
      .finally(release);
  }

  /** An answered call on a recording binding leaves a recording the download interface serves. */
  private record(call: CallContext, summary: CallSummary): RecordingRef | undefined {
    if (!call.route.binding?.recordFlag || summary.reached.answer === undefined) return undefined;
    const { recordDomain, recordBucketName } = this.deps.options;
    const fileName = this.deps.ids.recordingName(call.startMs);
    this.deps.state.recordings.add({ fileName, recordDomain });
    return { fileName, recordDomain, recordBucketName };
  }
}
