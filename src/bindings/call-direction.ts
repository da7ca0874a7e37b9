import { registerEnumType } from 'type-graphql';
import type { WireCallDirection } from '../platform/wire';
import { UnreachableCaseError } from '../shared/unreachable';

/**
 * Who may call whom through a binding's privacy number: the one type of the concept, used by the binding
 * services, the views and GraphQL. A const object rather than a TS enum, so a plain `'BOTH'` is one already;
 * type-graphql registers the same object. The platform's `callDirection` (`WireCallDirection`, rest-api.md:
 * 0 / 1 / 2), which the mirror's `bindings.call_direction` column also holds, meets it only in
 * `toWireCallDirection` and `callDirectionOfWire`.
 */
export const CallDirection = { BOTH: 'BOTH', A_TO_B_ONLY: 'A_TO_B_ONLY', B_TO_A_ONLY: 'B_TO_A_ONLY' } as const;
export type CallDirection = (typeof CallDirection)[keyof typeof CallDirection];
registerEnumType(CallDirection, {
  name: 'CallDirection',
  description: 'Who may call whom through the privacy number (platform callDirection 0 / 1 / 2).',
  valuesConfig: {
    BOTH: { description: '0: both ways.' },
    A_TO_B_ONLY: { description: '1: only A may call B.' },
    B_TO_A_ONLY: { description: '2: only B may call A.' },
  },
});

/** The platform's callDirection of a direction; absent means BOTH, the schema's default. */
export function toWireCallDirection(direction: CallDirection | null | undefined): WireCallDirection {
  const d = direction ?? CallDirection.BOTH;
  switch (d) {
    case 'BOTH':
      return 0;
    case 'A_TO_B_ONLY':
      return 1;
    case 'B_TO_A_ONLY':
      return 2;
    default:
      throw new UnreachableCaseError(d);
  }
}

export function callDirectionOfWire(wire: WireCallDirection): CallDirection {
  switch (wire) {
    case 0:
      return CallDirection.BOTH;
    case 1:
      return CallDirection.A_TO_B_ONLY;
    case 2:
      return CallDirection.B_TO_A_ONLY;
    default:
      throw new UnreachableCaseError(wire);
  }
}

/** A number (or numeric string) the platform or the mirror gave as a callDirection, or undefined when it is none of 0 / 1 / 2. */
export function parseWireCallDirection(value: number | string | undefined): WireCallDirection | undefined {
  const n = typeof value === 'string' ? (/^[012]$/.test(value) ? Number(value) : undefined) : value;
  return n === 0 || n === 1 || n === 2 ? n : undefined;
}
