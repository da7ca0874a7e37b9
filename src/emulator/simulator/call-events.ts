import type { CallEventBody, CallStatusInfo } from '../../platform/push-wire';
import { UnreachableCaseError } from '../../shared/unreachable';
import { timeAt, type CallContext } from './call-context';
import type { CallStep } from './call-plan';
import { stateDescOf } from './hangup-codes';

/**
 * The body of one call event (push-api.md §2.2–2.3). callin: the dialler calls X; userData rides on callin
 * (and AXE collectInfo). After callout the events describe the forwarded leg: caller = the number shown,
 * called = the real destination; a call refused before callout disconnects with the callin numbers. The
 * binding id appears once it is known: from callin, or for the AXE A-called scene from collectInfo.
 */
export function callEventBody(call: CallContext, step: CallStep, forwarded: boolean): CallEventBody {
  const base = { sessionId: call.sessionId, timestamp: timeAt(call, step.at) };
  const { route } = call;
  const binding = route.binding;
  const subscription: Partial<CallStatusInfo> = binding ? { subscriptionId: binding.subscriptionId } : {};
  const withUserData: Partial<CallStatusInfo> = binding?.userData !== undefined ? { ...subscription, userData: binding.userData } : subscription;
  const leg = forwarded && route.kind === 'connect' ? { caller: route.display, called: route.destination } : { caller: call.caller, called: call.dialled };
  const event = step.event;
  switch (event) {
    case 'callin':
      return info(event, { ...base, caller: call.caller, called: call.dialled, ...(route.digits === undefined ? withUserData : {}) });
    case 'collectInfo':
      return info(event, { ...base, digitInfo: route.digits ?? '', ...withUserData });
    case 'callout':
    case 'alerting':
    case 'answer':
      return info(event, { ...base, ...leg, ...subscription });
    case 'disconnect':
      return info(event, { ...base, ...leg, stateCode: step.code, stateDesc: stateDescOf(step.code), ...subscription });
    default:
      throw new UnreachableCaseError(event);
  }
}

function info(eventType: CallEventBody['eventType'], statusInfo: CallStatusInfo): CallEventBody {
  return { eventType, statusInfo };
}
