import { SimulationError } from '../simulator/simulate-input';
import { requestCall, requestNumberStatus, requestSms, type SimulationTarget } from '../simulator/simulation-requests';
import type { Reply } from './reply';

/** Every control path starts with this; nothing else of the emulator does. */
export const CONTROL_PREFIX = '/_control/';

/**
 * The control endpoint (`--control`, off by default): drives the simulator over HTTP so a gateway in
 * production mode can be exercised without the sandbox mutations. Unauthenticated on purpose: it exists only
 * when asked for. POST with a JSON object body:
 *   /_control/calls          {from, to, answer?, talkSeconds?, hangupCode?, extension?} → 200 {sessionId, app}
 *   /_control/sms            {from, to, content}                                       → 200 {smsIdentifier, app}
 *   /_control/number-status  {number, status, cause?}                                  → 200 {}
 * Bad input: 400 `{error: {field, message}}` (field `body` when the body is no JSON object); an unknown path
 * 404 and another method 405, with `{error: {message}}`. Validation and simulation are the same functions
 * the sandbox mutations call (simulation-requests.ts).
 */
export class ControlEndpoint {
  constructor(private readonly target: SimulationTarget) {}

  handle(method: string, path: string, rawBody: Buffer): Reply {
    const name = path.slice(CONTROL_PREFIX.length);
    const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (!action) return json(404, { error: { message: `No control action ${path}; there are ${Object.keys(ACTIONS).map((a) => CONTROL_PREFIX + a).join(', ')}` } });
    if (method !== 'POST') return json(405, { error: { message: `${path} takes POST` } });
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return json(400, { error: { field: 'body', message: 'must be a JSON object' } });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return json(400, { error: { field: 'body', message: 'must be a JSON object' } });
    try {
      return json(200, action(this.target, body as Record<string, unknown>));
    } catch (err) {
      if (!(err instanceof SimulationError)) throw err;
      return json(400, { error: { field: err.field ?? action.fallbackField, message: err.message } });
    }
  }
}

type Action = ((target: SimulationTarget, body: Record<string, unknown>) => Record<string, unknown>) & { fallbackField: string };

function action(fallbackField: string, run: (target: SimulationTarget, body: Record<string, unknown>) => Record<string, unknown>): Action {
  return Object.assign(run, { fallbackField });
}

const ACTIONS: Readonly<Record<string, Action>> = {
  calls: action('to', (t, b) => ({ ...requestCall(t, b as { from: unknown; to: unknown }) })),
  sms: action('to', (t, b) => ({ ...requestSms(t, b as { from: unknown; to: unknown; content: unknown }) })),
  'number-status': action('number', (t, b) => (requestNumberStatus(t, b as { number: unknown; status: unknown }), {})),
};

function json(status: number, body: Record<string, unknown>): Reply {
  return { kind: 'json', status, body };
}
