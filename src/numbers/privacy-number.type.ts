import { Extensions, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { App } from '../apps/app.type';
import { payloadCursorDescription } from '../shared/cursor';
import { Connection } from '../shared/connection';
import type { PrivacyNumberView } from './privacy-number.view';
import { DateTimeScalar, PhoneNumberScalar } from '../shared/scalars';

/** Platform status "5" / "9" / "10" / "11" (push-api.md §5.2). */
export enum NumberStatus {
  NORMAL = 'NORMAL',
  SUSPENDED = 'SUSPENDED',
  UNAVAILABLE = 'UNAVAILABLE',
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

@ObjectType('PrivacyNumber', { description: 'A privacy number (X or Y) of one app, from configuration or importPrivacyNumbers.' })
export class PrivacyNumber {
  @Field(() => ID, { nullable: true, description: payloadCursorDescription('numberStatusChanged') })
  cursor?: string | null;

  @Extensions({ privacy: 'visible' })
  @Field(() => PhoneNumberScalar)
  number!: string;

  @Field(() => App, { nullable: true })
  app!: App | null;

  @Field(() => String, { nullable: true })
  cityCode!: string | null;

  @Field(() => NumberStatus)
  status!: NumberStatus;

  @Field(() => String, { nullable: true, description: 'Platform cause code when not NORMAL, e.g. "2 (arrears)".' })
  statusCause!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  statusChangedAt!: Date | null;
}

@ObjectType('PrivacyNumberConnection', { description: 'A page of the number inventory, in the order numbers were added.' })
export class PrivacyNumberConnection extends Connection<PrivacyNumberView>(PrivacyNumber, 'PrivacyNumber', 'privacy numbers') {}

@InputType('PrivacyNumberFilter')
export class PrivacyNumberFilter {
  @Field(() => String, { nullable: true })
  app?: string | null;

  @Field(() => NumberStatus, { nullable: true })
  status?: NumberStatus | null;

  @Field(() => String, { nullable: true })
  cityCode?: string | null;
}
