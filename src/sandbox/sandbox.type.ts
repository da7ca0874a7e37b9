import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PhoneNumberScalar } from '../shared/scalars';

@InputType('SimulateCallInput', { description: 'Sandbox only: a caller dials a privacy number on the embedded platform.' })
export class SimulateCallInput {
  @Field(() => PhoneNumberScalar) from!: string;
  @Field(() => PhoneNumberScalar, { description: 'The privacy number being dialled (X, or Y in AXYB).' }) to!: string;
  @Field(() => String, { nullable: true, description: 'AXE: digits keyed after the prompt.' }) extension?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) answer?: boolean | null;
  @Field(() => Int, { nullable: true, defaultValue: 30, description: 'Talk time once answered, seconds (0–7200).' }) talkSeconds?: number | null;
  @Field(() => Int, { nullable: true, description: 'stateCode to end with when not answered (default 8101, no answer).' }) hangupCode?: number | null;
}

@ObjectType('SimulatedCall')
export class SimulatedCall {
  @Field(() => ID) sessionId!: string;
}

@InputType('SimulateSmsInput', { description: 'Sandbox only: someone texts a privacy number on the embedded platform.' })
export class SimulateSmsInput {
  @Field(() => PhoneNumberScalar) from!: string;
  @Field(() => PhoneNumberScalar) to!: string;
  @Field(() => String) content!: string;
}
