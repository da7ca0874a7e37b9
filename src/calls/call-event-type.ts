import { registerEnumType } from 'type-graphql';
import type { WireCallEventType } from '../platform/push-wire';

/**
 * The call event type: which step of a call an event push reports. Pushes, the state machine and the
 * `call_events` rows speak the platform's word (`WireCallEventType`, the wire DTO of platform/push-wire.ts,
 * which the emulator shares); GraphQL and the event-log payloads speak this enum. `toCallEventType` is the
 * only way from one to the other.
 */
export enum CallEventType {
  CALL_IN = 'CALL_IN',
  CALL_OUT = 'CALL_OUT',
  ALERTING = 'ALERTING',
  ANSWER = 'ANSWER',
  DISCONNECT = 'DISCONNECT',
  COLLECT_INFO = 'COLLECT_INFO',
}
registerEnumType(CallEventType, {
  name: 'CallEventType',
  description: 'Platform eventType callin / callout / alerting / answer / disconnect / collectInfo (AXE).',
  valuesConfig: {
    CALL_IN: { description: 'callin: the caller reached the privacy number.' },
    CALL_OUT: { description: 'callout: the platform calls the other party.' },
    ALERTING: { description: 'alerting: the other party is ringing.' },
    ANSWER: { description: 'answer: the other party answered.' },
    DISCONNECT: { description: 'disconnect: the call ended; hangupCode says why.' },
    COLLECT_INFO: { description: 'collectInfo (AXE): the caller keyed an extension (digits).' },
  },
});

/** Wire word → type (push-api.md §2.1). */
const FROM_WIRE: Readonly<Record<WireCallEventType, CallEventType>> = {
  callin: CallEventType.CALL_IN,
  callout: CallEventType.CALL_OUT,
  alerting: CallEventType.ALERTING,
  answer: CallEventType.ANSWER,
  disconnect: CallEventType.DISCONNECT,
  collectInfo: CallEventType.COLLECT_INFO,
};

export function toCallEventType(wire: WireCallEventType): CallEventType {
  return FROM_WIRE[wire];
}
