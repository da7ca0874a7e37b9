import { flowControlResult, type Result } from '../result';

/**
 * What an injected fault does to a matching request:
 * - an envelope: answered as is, before authentication;
 * - `'drop'`: the connection is closed without an answer;
 * - `{ delayMs }`: the request waits that long (real time), then is handled normally;
 * - `'flowControl'`: the flow-control refusal (1010010, configurable HTTP status);
 * - `'garbage'`: HTTP 200 with a body that is not JSON, before anything is handled;
 * - `'slowBody'`: handled normally (a bind binds), then the status, the headers and half the body are sent
 *   and the rest never is (the connection stays open until the emulator stops);
 * - `'resetAfterHandling'`: handled normally (a bind binds), then the connection is reset with no answer:
 *   the caller cannot know what happened.
 */
export type FaultResponse =
  | { httpStatus: number; resultcode: string; resultdesc: string }
  | 'drop'
  | { delayMs: number }
  | 'flowControl'
  | 'garbage'
  | 'slowBody'
  | 'resetAfterHandling';

/** A fault for the next `count` requests matching method and URI path (either absent = any). */
export interface Fault {
  method?: string;
  uri?: string;
  count: number;
  response: FaultResponse;
}

/** The decision for one request: a refusal to send, a drop, or a delay before normal handling. */
export type FaultAction =
  | { kind: 'answer'; result: Result }
  | { kind: 'drop' }
  | { kind: 'delay'; ms: number }
  | { kind: 'garbage' }
  | { kind: 'slowBody' }
  | { kind: 'resetAfterHandling' };

/**
 * Injected faults, oldest first, plus the flow-control switch (every request refused while on). Each
 * matching request consumes one count of the first matching fault.
 */
export class FaultInjector {
  private readonly faults: Fault[] = [];
  private flowControl = false;

  constructor(private readonly flowControlHttpStatus: number) {}

  inject(fault: Fault): void {
    if (!Number.isInteger(fault.count) || fault.count < 1) throw new Error('Fault count must be a positive integer');
    this.faults.push({ ...fault, method: fault.method?.toUpperCase() });
  }

  setFlowControl(active: boolean): void {
    this.flowControl = active;
  }

  clear(): void {
    this.faults.length = 0;
    this.flowControl = false;
  }

  /** The fault action for this request, if any; consumes one count. */
  take(method: string, path: string): FaultAction | undefined {
    const index = this.faults.findIndex((f) => (f.method === undefined || f.method === method) && (f.uri === undefined || f.uri === path));
    if (index < 0) return this.flowControl ? { kind: 'answer', result: flowControlResult(this.flowControlHttpStatus) } : undefined;
    const fault = this.faults[index];
    fault.count -= 1;
    if (fault.count <= 0) this.faults.splice(index, 1);
    return this.toAction(fault.response);
  }

  private toAction(response: FaultResponse): FaultAction {
    if (response === 'drop' || response === 'garbage' || response === 'slowBody' || response === 'resetAfterHandling') return { kind: response };
    if (response === 'flowControl') return { kind: 'answer', result: flowControlResult(this.flowControlHttpStatus) };
    if ('delayMs' in response) return { kind: 'delay', ms: response.delayMs };
    return { kind: 'answer', result: response };
  }
}
