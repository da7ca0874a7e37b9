import type { Logger } from '../../shared/logger';
import type { Clock } from '../clock';
import type { EmulatorConfig } from '../emulator-config';
import type { EmulatorState } from '../state';
import { ActivityTracker } from './activity';
import { CallbackRecords } from './callback-records';
import { CallSimulator } from './call-simulator';
import { CdrBatcher } from './cdr-batcher';
import { IdFactory } from './ids';
import { changeNumberStatus, type NumberStatusInput } from './number-status';
import { OrderedChannels } from './ordered-channels';
import { PushLog } from './push-log';
import { PushSender } from './push-sender';
import type { SimulateCallInput, SimulateSmsInput } from './simulate-input';
import { SmsSimulator, type SmsDelivery } from './sms-simulator';
import type { SimulatorOptions } from './simulator-options';
import { TimerSet } from './timer-set';

export interface SimulatorDeps {
  state: EmulatorState;
  clock: Clock;
  config: EmulatorConfig;
  options: SimulatorOptions;
  logger: Logger;
}

/**
 * The platform's active side: calls, SMS and number status changes, each told to the customer by pushes
 * (push-api.md). Owns every timer and connection it opens; `stop()` cancels them all.
 */
export class Simulator {
  readonly pushes: PushLog;
  private readonly timers = new TimerSet();
  private readonly activity = new ActivityTracker();
  private readonly sender: PushSender;
  private readonly calls: CallSimulator;
  private readonly sms: SmsSimulator;

  constructor(private readonly deps: SimulatorDeps) {
    const { state, clock, config, options, logger } = deps;
    const { timers, activity } = this;
    this.pushes = new PushLog(activity, options.maxLogEntries);
    this.sender = new PushSender({ log: this.pushes, clock, timers, activity, logger, options });
    const channels = new OrderedChannels();
    const ids = new IdFactory(options.hostName);
    const batcher = new CdrBatcher({ sender: this.sender, timers, activity, windowMs: options.cdrBatchWindowMs, max: options.cdrBatchMax });
    const common = { state, clock, config, options, sender: this.sender, channels, ids, activity, logger };
    this.calls = new CallSimulator({ ...common, batcher, timers, callbacks: new CallbackRecords() });
    this.sms = new SmsSimulator(common);
  }

  simulateCall(input: SimulateCallInput): { sessionId: string; app: string } {
    return this.calls.simulateCall(input);
  }

  simulateSms(input: SimulateSmsInput): { smsIdentifier: string; app: string } {
    return this.sms.simulateSms(input);
  }

  pushNumberStatus(input: NumberStatusInput): void {
    changeNumberStatus(input, this.deps.state, this.sender);
  }

  smsDeliveries(): readonly SmsDelivery[] {
    return this.sms.deliveries();
  }

  /** Cancels calls in progress (no further events), timers, retries and pushes in flight. */
  stop(): void {
    this.timers.clear();
    this.calls.stop();
    this.sender.stop();
    this.activity.reset();
  }
}
