import { maskPhone } from '../../shared/phone';
import type { AppState, EmulatorState } from '../state';
import { isHangupCode } from './hangup-codes';

/**
 * A simulated call or SMS that cannot happen as asked; the message says why (numbers masked). `field` names
 * the input field at fault when one is (`from`, `to`, `talkSeconds`, …).
 */
export class SimulationError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'SimulationError';
  }
}

export interface SimulateCallInput {
  /** The caller, global format. */
  from: string;
  /** The number dialled: an X (or an AXYB Y) of some app. */
  to: string;
  /** AXE: the digits keyed after the prompt; absent or empty = none (8033). Ignored in other modes. */
  extension?: string;
  /** Whether the forwarded callee answers. Default true. */
  answer?: boolean;
  /** Talk time once answered, platform seconds. Default 30. */
  talkSeconds?: number;
  /** Hang-up code when not answered (push-api.md Appendix A). Default 8101 (no answer after ringing). */
  hangupCode?: number;
}

export interface SimulateSmsInput {
  /** The sender, global format. */
  from: string;
  /** The X texted. */
  to: string;
  /** The text as the sender typed it. */
  content: string;
}

/** Longest talk a simulated call may have: one day, platform seconds. */
const MAX_TALK_SECONDS = 86_400;
/** Longest simulated SMS text, characters (long SMS arrive merged, push-api.md §4.1). */
const MAX_SMS_CHARS = 2000;

/** Checks the caller's format and finds the app owning the dialled number; throws SimulationError. */
export function resolveParties(state: EmulatorState, numberPattern: RegExp, from: unknown, to: unknown): AppState {
  if (typeof from !== 'string' || !numberPattern.test(from)) throw new SimulationError(`Unknown caller ${masked(from)}: expected a number in global format such as +8613800138000`, 'from');
  if (typeof to !== 'string' || !numberPattern.test(to)) throw new SimulationError(`Unknown number ${masked(to)}: expected a privacy number in global format`, 'to');
  if (from === to) throw new SimulationError('The caller cannot dial its own number', 'to');
  const app = state.appOfNumber(to);
  if (!app) throw new SimulationError(`No app owns the number ${maskPhone(to)}`, 'to');
  return app;
}

/** The callee's behaviour with defaults applied; throws SimulationError on an impossible value. */
export function calleeScript(input: SimulateCallInput): { answer: boolean; talkSeconds: number; hangupCode: number } {
  const talkSeconds = input.talkSeconds ?? 30;
  if (!(Number.isFinite(talkSeconds) && talkSeconds >= 0 && talkSeconds <= MAX_TALK_SECONDS)) {
    throw new SimulationError(`talkSeconds must be between 0 and ${MAX_TALK_SECONDS}, got ${String(input.talkSeconds)}`, 'talkSeconds');
  }
  const hangupCode = input.hangupCode ?? 8101;
  if (!Number.isInteger(hangupCode) || hangupCode === 0 || !isHangupCode(hangupCode)) {
    throw new SimulationError(`hangupCode must be a non-zero hang-up reason value of the platform (e.g. 8101, 8102), got ${String(input.hangupCode)}`, 'hangupCode');
  }
  if (input.extension !== undefined && !/^\d{0,8}$/.test(input.extension)) throw new SimulationError('extension must be digits only', 'extension');
  return { answer: input.answer ?? true, talkSeconds, hangupCode };
}

export function checkSmsContent(content: unknown): string {
  if (typeof content !== 'string' || content.length > MAX_SMS_CHARS) throw new SimulationError(`content must be a text of at most ${MAX_SMS_CHARS} characters`, 'content');
  return content;
}

function masked(value: unknown): string {
  return typeof value === 'string' ? maskPhone(value) : `(${typeof value})`;
}
