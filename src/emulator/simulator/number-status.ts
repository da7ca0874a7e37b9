import type { WireNumStatus, WireNumStatusCause } from '../../platform/push-wire';
import { maskPhone } from '../../shared/phone';
import type { EmulatorState } from '../state';
import type { PushSender } from './push-sender';
import { SimulationError } from './simulate-input';

export interface NumberStatusInput {
  number: string;
  /** "5" normal, "9" suspended, "10" unavailable, "11" binding frozen (push-api.md §5.2). */
  status: WireNumStatus;
  /** Why ("1" deleted, "2" arrears, "3" stopped, …, see WireNumStatusCause); documented for status 10 only, sent as given. */
  cause?: string;
}

const STATUSES: readonly string[] = ['5', '9', '10', '11'];
const CAUSES: readonly WireNumStatusCause[] = ['1', '2', '3', '5', '6', '7', '8', '9'];

function isCause(value: string): value is WireNumStatusCause {
  return (CAUSES as readonly string[]).includes(value);
}

/**
 * Changes a number's status in the pool (9/10: binds give 1012102 and calls 8055; 11: no new bindings,
 * calls and SMS work; 5: normal again), then pushes `numStatus` to the owning app. The push is retried like
 * call events: the platform documents no schedule for it [U].
 */
export function changeNumberStatus(input: NumberStatusInput, state: EmulatorState, sender: PushSender): void {
  if (!STATUSES.includes(input.status)) throw new SimulationError(`status must be one of ${STATUSES.join(', ')}`, 'status');
  if (input.cause !== undefined && !isCause(input.cause)) throw new SimulationError(`cause must be one of ${CAUSES.join(', ')}`, 'cause');
  if (!state.appOfNumber(input.number)) throw new SimulationError(`No app owns the number ${maskPhone(String(input.number))}`, 'number');
  const app = state.setNumberStatus(input.number, input.status);
  const cause = input.cause as WireNumStatusCause | undefined;
  const info = { number: input.number, status: input.status, ...(cause !== undefined ? { cause } : {}) };
  void sender.send({ kind: 'numStatus', app, body: { eventType: 'numStatus', numInfo: [info] }, retry: true });
}
