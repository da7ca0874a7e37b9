import type { Logger } from '../../shared/logger';
import { UnreachableCaseError } from '../../shared/unreachable';
import type { Clock } from '../clock';
import type { EmulatorConfig } from '../emulator-config';
import type { AppState, EmulatorState } from '../state';
import type { ActivityTracker } from './activity';
import type { IdFactory } from './ids';
import type { OrderedChannels } from './ordered-channels';
import type { PushSender } from './push-sender';
import { checkSmsContent, resolveParties, SimulationError, type SimulateSmsInput } from './simulate-input';
import { smsBody, type SmsFacts } from './sms-bodies';
import { readBlockAnswer } from './sms-block';
import { routeAxbSms, routeAxSms, type SmsDecision } from './sms-route';
import type { SimulatorOptions } from './simulator-options';

/** An SMS the platform delivered: from X to its real receiver, with the text the receiver got. */
export interface SmsDelivery {
  readonly smsIdentifier: string;
  /** The X it came from. */
  readonly from: string;
  readonly to: string;
  readonly content: string;
  /** Emulator clock, epoch ms. */
  readonly at: number;
}

export interface SmsSimulatorDeps {
  state: EmulatorState;
  clock: Clock;
  config: EmulatorConfig;
  options: SimulatorOptions;
  sender: PushSender;
  channels: OrderedChannels;
  ids: IdFactory;
  activity: ActivityTracker;
  logger: Logger;
}

/**
 * SMS to a privacy number (push-api.md §4): forwarded per the app's mode, then a Notify push; AX texts of
 * A without a valid `@B` suffix first go to the customer as a Block push (one attempt, answer within
 * `smsBlockDeadlineMs`). DiscardMessage: dropped, no Notify (the customer made the decision itself).
 * No usable answer in time: dropped, Notify with sendResult 7.
 */
export class SmsSimulator {
  private readonly delivered: SmsDelivery[] = [];

  constructor(private readonly deps: SmsSimulatorDeps) {}

  /** Starts the SMS flow and returns at once. AXE and AXYB apps have no SMS: SimulationError. */
  simulateSms(input: SimulateSmsInput): { smsIdentifier: string; app: string } {
    const { state, config, clock } = this.deps;
    const app = resolveParties(state, config.numberPattern, input.from, input.to);
    const content = checkSmsContent(input.content);
    const decision = this.decide(app, input.from, input.to, content);
    const smsIdentifier = this.deps.ids.smsIdentifier(clock.now());
    const facts: SmsFacts = {
      appKey: app.appKey,
      smsIdentifier,
      calling: input.from,
      virtualNumber: input.to,
      ...(this.deps.options.smsContent ? { content } : {}),
      ...(decision.binding ? { binding: decision.binding } : {}),
      direction: decision.direction,
    };
    const release = this.deps.activity.hold();
    void this.play(app, facts, decision, content)
      .catch((err: unknown) => this.deps.logger.error({ err, smsIdentifier }, 'SMS simulation failed'))
      .finally(release);
    return { smsIdentifier, app: app.name };
  }

  /** SMS delivered so far, oldest first (the latest `maxLogEntries`). */
  deliveries(): readonly SmsDelivery[] {
    return this.delivered;
  }

  private decide(app: AppState, from: string, x: string, content: string): SmsDecision {
    const mode = app.mode;
    switch (mode) {
      case 'AXB':
        return routeAxbSms(app, from, x, content);
      case 'AX':
        return routeAxSms(app, from, x, content, this.deps.config.numberPattern);
      case 'AXE':
      case 'AXYB':
        throw new SimulationError(`Apps in ${mode} mode have no SMS capability`, 'to');
      default:
        throw new UnreachableCaseError(mode);
    }
  }

  private async play(app: AppState, facts: SmsFacts, decision: SmsDecision, content: string): Promise<void> {
    switch (decision.kind) {
      case 'forward':
        this.deliver(facts, decision.to, decision.text);
        return this.notify(app, facts, 0, decision.to);
      case 'reject':
        return this.notify(app, facts, decision.sendResult);
      case 'block':
        return this.block(app, facts, content);
      default:
        throw new UnreachableCaseError(decision);
    }
  }

  private async block(app: AppState, facts: SmsFacts, content: string): Promise<void> {
    const { sender, clock, options, config } = this.deps;
    const body = smsBody(facts, clock.now(), { mode: 'Block' });
    const first = await sender.send({ kind: 'smsBlock', app, body, key: facts.smsIdentifier, retry: false, timeoutMs: options.smsBlockDeadlineMs });
    const answer = readBlockAnswer(first, facts.calling, config.numberPattern);
    switch (answer.kind) {
      case 'forward':
        this.deliver(facts, answer.called, content);
        return this.notify(app, facts, 0, answer.called);
      case 'discard':
        return;
      case 'none':
        this.deps.logger.info({ app: app.name, smsIdentifier: facts.smsIdentifier, reason: answer.reason }, 'SMS discarded: no valid Block answer');
        return this.notify(app, facts, 7);
      default:
        throw new UnreachableCaseError(answer);
    }
  }

  private deliver(facts: SmsFacts, to: string, content: string): void {
    this.delivered.push({ smsIdentifier: facts.smsIdentifier, from: facts.virtualNumber, to, content, at: this.deps.clock.now() });
    if (this.delivered.length > this.deps.options.maxLogEntries) this.delivered.shift();
  }

  private async notify(app: AppState, facts: SmsFacts, sendResult: number, called?: string): Promise<void> {
    const { sender, clock, channels } = this.deps;
    const outcome = { mode: 'Notify' as const, sendResult, ...(called !== undefined ? { called } : {}) };
    await channels.run(facts.smsIdentifier, () =>
      sender.send({ kind: 'smsNotify', app, body: smsBody(facts, clock.now(), outcome), key: facts.smsIdentifier, retry: true }),
    );
  }
}
