import { registerEnumType } from 'type-graphql';
import type { WireNumStatus } from '../platform/push-wire';

/**
 * A privacy number's status, named after its business impact: the one type of the concept, used by parsed
 * pushes, the inventory rows (`privacy_numbers.status` holds these names), the event log and GraphQL. The
 * platform's codes (`WireNumStatus`, push-api.md §5.2) meet it only in `numberStatusOfWire`.
 */
export enum NumberStatus {
  /** `"5"`: no impact. */
  NORMAL = 'NORMAL',
  /** `"9"`: bindings, calls and SMS unavailable (calls get 8055). */
  SUSPENDED = 'SUSPENDED',
  /** `"10"`: bindings, calls and SMS unavailable (calls get 8055); the cause says why. */
  UNAVAILABLE = 'UNAVAILABLE',
  /** `"11"`: no new bindings; existing bindings keep working. */
  BINDING_FROZEN = 'BINDING_FROZEN',
}
registerEnumType(NumberStatus, {
  name: 'NumberStatus',
  description: 'NORMAL until a number-status push says otherwise. SUSPENDED/UNAVAILABLE: no bindings, calls or SMS. BINDING_FROZEN: no new bindings.',
  valuesConfig: {
    NORMAL: { description: 'In service.' },
    SUSPENDED: { description: 'Suspended by the platform (e.g. arrears): no bindings, calls or SMS.' },
    UNAVAILABLE: { description: 'Out of service: no bindings, calls or SMS.' },
    BINDING_FROZEN: { description: 'Existing bindings work; new ones are refused.' },
  },
});

/** §5.2 status codes. */
const FROM_WIRE: Readonly<Record<WireNumStatus, NumberStatus>> = {
  '5': NumberStatus.NORMAL,
  '9': NumberStatus.SUSPENDED,
  '10': NumberStatus.UNAVAILABLE,
  '11': NumberStatus.BINDING_FROZEN,
};

/** The status of a wire code, or undefined for a code push-api.md does not list. */
export function numberStatusOfWire(code: string): NumberStatus | undefined {
  return Object.entries(FROM_WIRE).find(([wire]) => wire === code)?.[1];
}
