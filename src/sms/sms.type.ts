import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { App } from '../apps/app.type';
import { Binding } from '../bindings/binding.type';
import { payloadCursorDescription } from '../shared/cursor';
import { Connection } from '../shared/connection';
import type { SmsView } from './sms.resolver';
import { DateTimeScalar, PhoneNumberScalar } from '../shared/scalars';
import { SmsDecision } from './sms-decision';
import { SmsNotificationMode } from './sms-mode';

@ObjectType('SmsMessage', { description: 'One SMS push through a privacy number, as stored (a NOTIFY or a BLOCK record).' })
export class SmsMessage {
  @Field(() => ID, { description: 'Unique per stored record (the NOTIFY and the BLOCK record of one SMS have different ids, so client caches keep both); not the platform\'s smsIdentifier.' })
  id!: string;
  @Field(() => ID, { description: 'The platform\'s smsIdentifier: shared by the NOTIFY and the BLOCK record of one SMS.' }) smsIdentifier!: string;
  @Field(() => ID, { nullable: true, description: payloadCursorDescription('smsMessages') }) cursor?: string | null;
  @Field(() => Binding, { nullable: true, description: 'The binding it went through, from the mirror; null when the push named none or the mirror does not know it.' }) binding?: Binding | null;
  @Extensions({ privacy: 'visible' }) @Field(() => PhoneNumberScalar, { description: 'The privacy number (X) the SMS was sent to.' }) privacyNumber!: string;
  @Field(() => PhoneNumberScalar, { description: 'The real number that sent it.' }) sender!: string;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'The real number it was (or would be) delivered to; null when the platform did not say.' }) receiver!: string | null;
  @Field(() => SmsNotificationMode, { description: 'Whether the platform only told the gateway (NOTIFY) or asked it (BLOCK).' }) mode!: SmsNotificationMode;
  @Field(() => SmsDecision, { nullable: true, description: 'For BLOCK pushes: what the gateway answered.' }) decision!: SmsDecision | null;
  @Field(() => Int, { nullable: true, description: 'Platform sendResult: 0 success, 2 no binding, 6 discarded by the customer, 7 decision timed out, … (sendOutcome has its meaning); null when the push carried none.' }) sendResult!: number | null;
  @Extensions({ privacy: 'hidden' })
  @Field(() => String, { nullable: true, description: 'Only when the platform delivers SMS content for the app; null for viewers.' })
  content!: string | null;
  @Field(() => DateTimeScalar, { description: 'When the SMS was sent, as the platform pushed it.' }) occurredAt!: Date;
  bindingId!: string | null;
}

@ObjectType('SmsMessageConnection', { description: 'A page of SMS pushes heard from the platform, newest first.' })
export class SmsMessageConnection extends Connection<SmsView>(SmsMessage, 'SmsMessage', 'SMS messages') {}

@InputType('SmsRule', { description: 'First matching rule decides a BLOCK push; no match = defaultDecision.' })
export class SmsRule {
  @Field(() => String, { nullable: true, description: 'E.164 prefix or exact number of the sender, e.g. +86138.' }) senderPattern?: string | null;
  @Field(() => String, { nullable: true, description: 'Matches when the content holds this text (case-sensitive); null = any content.' }) contentContains?: string | null;
  @Field(() => SmsDecision, { description: 'What to answer when the rule matches.' }) decision!: SmsDecision;
  @Field(() => PhoneNumberScalar, { nullable: true, description: "FORWARD: the real receiver; default for AX is the binding's temporary callee." }) forwardTo?: string | null;
}

@InputType('SmsPolicyInput', { description: "How the gateway answers an app's SMS Block pushes: the rules in order, then the default." })
export class SmsPolicyInput {
  @Field(() => String, { description: 'The configured app the policy is for.' }) app!: string;
  @Field(() => SmsDecision, { description: 'The answer when no rule matches.' }) defaultDecision!: SmsDecision;
  @Field(() => [SmsRule], { description: 'Checked in order; the first that matches decides. Empty = always defaultDecision.' }) rules!: SmsRule[];
}

@ObjectType('SmsRuleView', { description: 'One rule of an SMS policy, as stored.' })
export class SmsRuleView {
  @Extensions({ privacy: 'masked' }) @Field(() => String, { nullable: true, description: 'Sender prefix or exact number the rule matches; null = any sender. Masked for viewers.' }) senderPattern!: string | null;
  @Field(() => String, { nullable: true, description: 'Text the content must hold; null = any content.' }) contentContains!: string | null;
  @Field(() => SmsDecision, { description: 'The answer when the rule matches.' }) decision!: SmsDecision;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'FORWARD: the real receiver; null = the binding default.' }) forwardTo!: string | null;
}

@ObjectType('SmsPolicy', { description: "How the gateway answers an app's SMS Block pushes." })
export class SmsPolicy {
  @Field(() => App, { description: 'The app the policy is for.' }) app!: App;
  @Field(() => SmsDecision, { description: 'The answer when no rule matches.' }) defaultDecision!: SmsDecision;
  @Field(() => [SmsRuleView], { description: 'Checked in order; the first that matches decides.' }) rules!: SmsRuleView[];
}
