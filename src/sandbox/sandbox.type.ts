import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PhoneNumberScalar } from '../shared/scalars';

@InputType('SimulateCallInput', { description: 'Sandbox only: a caller dials a privacy number on the embedded platform.' })
export class SimulateCallInput {
  @Field(() => PhoneNumberScalar, { description: 'The real number that calls.' }) from!: string;
  @Field(() => PhoneNumberScalar, { description: 'The privacy number being dialled (X, or Y in AXYB).' }) to!: string;
  @Field(() => String, { nullable: true, description: 'AXE: digits keyed after the prompt.' }) extension?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Whether the called party answers; true when absent.' }) answer?: boolean | null;
  @Field(() => Int, { nullable: true, defaultValue: 30, description: 'Talk time once answered, seconds (0–7200).' }) talkSeconds?: number | null;
  @Field(() => Int, { nullable: true, description: 'stateCode to end with when not answered (default 8101, no answer).' }) hangupCode?: number | null;
}

@ObjectType('SimulatedCall', { description: 'Sandbox only: the call the embedded platform now plays.' })
export class SimulatedCall {
  @Field(() => ID, { description: 'The sessionId its events, record and Call will carry.' }) sessionId!: string;
}

@InputType('SimulateSmsInput', { description: 'Sandbox only: someone texts a privacy number on the embedded platform.' })
export class SimulateSmsInput {
  @Field(() => PhoneNumberScalar, { description: 'The real number that texts.' }) from!: string;
  @Field(() => PhoneNumberScalar, { description: 'The privacy number texted (X).' }) to!: string;
  @Field(() => String, { description: 'The message text.' }) content!: string;
}
