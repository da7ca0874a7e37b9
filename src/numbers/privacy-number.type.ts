import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { App } from '../apps/app.type';
import { payloadCursorDescription } from '../shared/cursor';
import { Connection } from '../shared/connection';
import type { PrivacyNumberView } from './privacy-number.view';
import { DateTimeScalar, PhoneNumberScalar } from '../shared/scalars';
import { NumberStatus } from './number-status';

@ObjectType('PrivacyNumber', { description: 'A privacy number (X or Y) of one app, from configuration or importPrivacyNumbers.' })
export class PrivacyNumber {
  @Field(() => ID, { nullable: true, description: payloadCursorDescription('numberStatusChanged') })
  cursor?: string | null;

  @Extensions({ privacy: 'visible' })
  @Field(() => PhoneNumberScalar, { description: 'The privacy number itself.' })
  number!: string;

  @Field(() => App, { nullable: true, description: 'The configured app that owns it; null when that app is no longer configured.' })
  app!: App | null;

  @Field(() => String, { nullable: true, description: 'Its city code with the leading zero, e.g. 0755; null when not known.' })
  cityCode!: string | null;

  @Field(() => NumberStatus, { description: 'From the last number-status push; NORMAL before any.' })
  status!: NumberStatus;

  @Field(() => String, { nullable: true, description: 'Platform cause code when not NORMAL, e.g. "2 (arrears)".' })
  statusCause!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the last number-status push for it was stored; null before any.' })
  statusChangedAt!: Date | null;
}

@ObjectType('PrivacyNumberConnection', { description: 'A page of the number inventory, in the order numbers were added.' })
export class PrivacyNumberConnection extends Connection<PrivacyNumberView>(PrivacyNumber, 'PrivacyNumber', 'privacy numbers') {}

@InputType('PrivacyNumberFilter', { description: 'Which numbers of the inventory to list; every given field must match, an absent or null one matches all.' })
export class PrivacyNumberFilter {
  @Field(() => String, { nullable: true, description: 'Only numbers of this configured app.' })
  app?: string | null;

  @Field(() => NumberStatus, { nullable: true, description: 'Only numbers in this status.' })
  status?: NumberStatus | null;

  @Field(() => String, { nullable: true, description: 'Only numbers of this city code (with its leading zero, e.g. 0755).' })
  cityCode?: string | null;
}
