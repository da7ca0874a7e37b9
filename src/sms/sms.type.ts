import { Extensions, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { App } from '../apps/app.type';
import { Binding } from '../bindings/binding.type';
import { payloadCursorDescription } from '../shared/cursor';
import { Connection } from '../shared/connection';
import type { SmsView } from './sms.resolver';
import { DateTimeScalar, PhoneNumberScalar } from '../shared/scalars';

export enum SmsNotificationMode {
  NOTIFY = 'NOTIFY',
  BLOCK = 'BLOCK',
}
registerEnumType(SmsNotificationMode, {
  name: 'SmsNotificationMode',
  description: 'NOTIFY: informational. BLOCK: the gateway decided forward or discard.',
  valuesConfig: { NOTIFY: { description: 'The platform delivered it and tells us.' }, BLOCK: { description: 'The platform asked the gateway whether to deliver it.' } },
});

export enum SmsDecision {
  FORWARD = 'FORWARD',
  DISCARD = 'DISCARD',
}
registerEnumType(SmsDecision, {
  name: 'SmsDecision',
  description: 'What the gateway answers an SMS Block push.',
  valuesConfig: { FORWARD: { description: 'Deliver it (to forwardTo, or the binding default).' }, DISCARD: { description: 'Drop it.' } },
});

@ObjectType('SmsMessage')
export class SmsMessage {
  @Field(() => ID, { description: 'Unique per stored record (the NOTIFY and the BLOCK record of one SMS have different ids, so client caches keep both); not the platform\'s smsIdentifier.' })
  id!: string;
  @Field(() => ID, { description: 'The platform\'s smsIdentifier: shared by the NOTIFY and the BLOCK record of one SMS.' }) smsIdentifier!: string;
  @Field(() => ID, { nullable: true, description: payloadCursorDescription('smsMessages') }) cursor?: string | null;
  @Field(() => Binding, { nullable: true }) binding?: Binding | null;
  @Extensions({ privacy: 'visible' }) @Field(() => PhoneNumberScalar) privacyNumber!: string;
  @Field(() => PhoneNumberScalar) sender!: string;
  @Field(() => PhoneNumberScalar, { nullable: true }) receiver!: string | null;
  @Field(() => SmsNotificationMode) mode!: SmsNotificationMode;
  @Field(() => SmsDecision, { nullable: true, description: 'For BLOCK pushes: what the gateway answered.' }) decision!: SmsDecision | null;
  @Field(() => Int, { nullable: true, description: 'Platform sendResult: 0 success, 2 no binding, 6 discarded by the customer, 7 decision timed out, …' }) sendResult!: number | null;
  @Extensions({ privacy: 'hidden' })
  @Field(() => String, { nullable: true, description: 'Only when the platform delivers SMS content for the app; null for viewers.' })
  content!: string | null;
  @Field(() => DateTimeScalar) occurredAt!: Date;
  bindingId!: string | null;
}

@ObjectType('SmsMessageConnection', { description: 'A page of SMS pushes heard from the platform, newest first.' })
export class SmsMessageConnection extends Connection<SmsView>(SmsMessage, 'SmsMessage', 'SMS messages') {}

@InputType('SmsRule', { description: 'First matching rule decides a BLOCK push; no match = defaultDecision.' })
export class SmsRule {
  @Field(() => String, { nullable: true, description: 'E.164 prefix or exact number of the sender, e.g. +86138.' }) senderPattern?: string | null;
  @Field(() => String, { nullable: true }) contentContains?: string | null;
  @Field(() => SmsDecision) decision!: SmsDecision;
  @Field(() => PhoneNumberScalar, { nullable: true, description: "FORWARD: the real receiver; default for AX is the binding's temporary callee." }) forwardTo?: string | null;
}

@InputType('SmsPolicyInput')
export class SmsPolicyInput {
  @Field(() => String) app!: string;
  @Field(() => SmsDecision) defaultDecision!: SmsDecision;
  @Field(() => [SmsRule]) rules!: SmsRule[];
}

@ObjectType('SmsRuleView')
export class SmsRuleView {
  @Extensions({ privacy: 'masked' }) @Field(() => String, { nullable: true }) senderPattern!: string | null;
  @Field(() => String, { nullable: true }) contentContains!: string | null;
  @Field(() => SmsDecision) decision!: SmsDecision;
  @Field(() => PhoneNumberScalar, { nullable: true }) forwardTo!: string | null;
}

@ObjectType('SmsPolicy')
export class SmsPolicy {
  @Field(() => App) app!: App;
  @Field(() => SmsDecision) defaultDecision!: SmsDecision;
  @Field(() => [SmsRuleView]) rules!: SmsRuleView[];
}
