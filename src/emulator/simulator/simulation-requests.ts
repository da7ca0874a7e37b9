import type { NumberStatusInput } from './number-status';
import { SimulationError, type SimulateCallInput, type SimulateSmsInput } from './simulate-input';

/**
 * The simulations a user may ask for from outside the process, checked field by field: the sandbox mutations
 * (GraphQL) and the emulator's control endpoint (`POST /_control/…`, http/control.ts) both go through here,
 * so both accept and refuse the same requests. Values come in as parsed JSON (`unknown`); every refusal is
 * a SimulationError naming the field (`from`, `to`, `talkSeconds`, `status`, …).
 */
export interface SimulationTarget {
  simulateCall(input: SimulateCallInput): { sessionId: string; app: string };
  simulateSms(input: SimulateSmsInput): { smsIdentifier: string; app: string };
  pushNumberStatus(input: NumberStatusInput): void;
}

/** Longest talk time a requested call may have, seconds. */
export const MAX_REQUEST_TALK_SECONDS = 7200;
/** Longest requested SMS text, characters. */
export const MAX_REQUEST_SMS_CHARS = 1000;

/** Number status names (as in the gateway's `NumberStatus` enum) → the platform's wire code (push-api.md §5.2). */
export const NUMBER_STATUS_CODES = { NORMAL: '5', SUSPENDED: '9', UNAVAILABLE: '10', BINDING_FROZEN: '11' } as const;
export type NumberStatusName = keyof typeof NUMBER_STATUS_CODES;

export interface CallRequest {
  from: unknown;
  to: unknown;
  /** Default true. */
  answer?: unknown;
  /** Default 30; 0–7200. */
  talkSeconds?: unknown;
  /** When not answered; default 8101. */
  hangupCode?: unknown;
  /** AXE: up to 4 digits. */
  extension?: unknown;
}

/** Plays a call (defaults: answered, 30 s of talk); returns at once with its sessionId. */
export function requestCall(target: SimulationTarget, req: CallRequest): { sessionId: string; app: string } {
  const from = text(req.from, 'from');
  const to = text(req.to, 'to');
  const answer = optional(req.answer, 'answer', (v) => typeof v === 'boolean', 'must be true or false') as boolean | undefined;
  const talkSeconds = optional(req.talkSeconds, 'talkSeconds', (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_REQUEST_TALK_SECONDS, `must be an integer from 0 to ${MAX_REQUEST_TALK_SECONDS}`) as number | undefined;
  const hangupCode = optional(req.hangupCode, 'hangupCode', Number.isInteger, 'must be an integer hang-up code such as 8101') as number | undefined;
  const extension = optional(req.extension, 'extension', (v) => typeof v === 'string' && /^\d{0,4}$/.test(v), 'must be up to 4 digits') as string | undefined;
  return target.simulateCall({ from, to, answer: answer ?? true, talkSeconds: talkSeconds ?? 30, hangupCode, extension });
}

/** Texts a privacy number; forwarding and pushes follow asynchronously. */
export function requestSms(target: SimulationTarget, req: { from: unknown; to: unknown; content: unknown }): { smsIdentifier: string; app: string } {
  const from = text(req.from, 'from');
  const to = text(req.to, 'to');
  if (typeof req.content !== 'string' || req.content.length === 0 || req.content.length > MAX_REQUEST_SMS_CHARS) {
    throw new SimulationError(`must be 1 to ${MAX_REQUEST_SMS_CHARS} characters`, 'content');
  }
  return target.simulateSms({ from, to, content: req.content });
}

/** Sets a number's status by name (NORMAL, SUSPENDED, UNAVAILABLE, BINDING_FROZEN) and pushes `numStatus`. */
export function requestNumberStatus(target: SimulationTarget, req: { number: unknown; status: unknown; cause?: unknown }): void {
  const number = text(req.number, 'number');
  if (typeof req.status !== 'string' || !Object.hasOwn(NUMBER_STATUS_CODES, req.status)) {
    throw new SimulationError(`must be one of ${Object.keys(NUMBER_STATUS_CODES).join(', ')}`, 'status');
  }
  const cause = optional(req.cause, 'cause', (v) => typeof v === 'string' && /^\d{1,2}$/.test(v), 'must be a platform cause code such as "2"') as string | undefined;
  target.pushNumberStatus({ number, status: NUMBER_STATUS_CODES[req.status as NumberStatusName], cause });
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new SimulationError('must be a number in global format such as +8613800138000', field);
  return value;
}

/** undefined and null mean "not given". */
function optional(value: unknown, field: string, ok: (v: unknown) => boolean, message: string): unknown {
  if (value === undefined || value === null) return undefined;
  if (!ok(value)) throw new SimulationError(message, field);
  return value;
}
