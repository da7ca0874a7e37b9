import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { BindingModeName } from '../config';

/**
 * The four binding modes of the platform. The one type of the concept is the config's `BindingModeName`
 * (configuration is read below every feature, so the union lives there); `BindingMode` is the same type
 * under its schema name, and the object type-graphql registers, whose values are checked against it.
 */
export const BindingMode = { AX: 'AX', AXB: 'AXB', AXE: 'AXE', AXYB: 'AXYB' } as const satisfies { readonly [M in BindingModeName]: M };
export type BindingMode = BindingModeName;

registerEnumType(BindingMode, {
  name: 'BindingMode',
  description: 'How a privacy number connects people: AX (one user, temporary callee), AXB (a pair), AXE (extensions), AXYB (two numbers).',
  valuesConfig: {
    AX: { description: 'X belongs to A: anyone calling X reaches A; A calls out through a temporary callee.' },
    AXB: { description: 'A and B reach each other through X.' },
    AXE: { description: 'A is reached as X plus an extension; many A share one X.' },
    AXYB: { description: 'B calls X to reach A, A calls Y to reach B.' },
  },
});

/** A configured platform application. The secret is never part of the schema. */
@ObjectType('App', { description: 'A platform application (one APP_Key) configured in this gateway. Each app has exactly one binding mode.' })
export class App {
  @Field(() => String, { description: 'The name used in configuration, in `app:` arguments and in the webhook path /webhooks/<name>.' })
  name!: string;

  @Field(() => BindingMode, { description: 'The one binding mode of this app: its bindings, numbers and pushes are all of this mode.' })
  mode!: BindingMode;

  @Field(() => String, { description: 'The APP_Key. The secret is never exposed.' })
  appKey!: string;
}
