import { Field, ID, InputType, Int } from 'type-graphql';
import { BindingMode } from '../apps/app.type';
import { PhoneNumberScalar } from '../shared/scalars';
import { BindingStatus, CallDirection } from './binding.type';

@InputType('BindingFilter')
export class BindingFilter {
  @Field(() => BindingMode, { nullable: true })
  mode?: BindingMode | null;

  @Field(() => PhoneNumberScalar, { nullable: true, description: 'X (or Y for AXYB).' })
  privacyNumber?: string | null;

  @Field(() => PhoneNumberScalar, { nullable: true, description: 'A real number: party A or B.' })
  party?: string | null;

  @Field(() => BindingStatus, { nullable: true })
  status?: BindingStatus | null;

  @Field(() => String, { nullable: true, description: 'App name.' })
  app?: string | null;
}

@InputType('CreateAXBBindingInput')
export class CreateAXBBindingInput {
  @Field(() => PhoneNumberScalar) partyA!: string;
  @Field(() => PhoneNumberScalar) partyB!: string;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'Pick X explicitly, or give cityCode.' }) privacyNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'City code with its leading zero, e.g. 0755: the platform picks a free X there.' }) cityCode?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'false: another city of the same province, then any X.' }) strictCityMatch?: boolean | null;
  @Field(() => CallDirection, { nullable: true, defaultValue: CallDirection.BOTH }) callDirection?: CallDirection | null;
  @Field(() => Int, { nullable: true, description: '0 or null = no expiry; at most 7776000 (90 days).' }) expiresInSeconds?: number | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) recordCalls?: boolean | null;
  @Field(() => Int, { nullable: true, description: '0–1440; null or 0 = unlimited.' }) maxCallMinutes?: number | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) smsEnabled?: boolean | null;
  @Field(() => String, { nullable: true }) userData?: string | null;
  @Field(() => String, { nullable: true, description: 'The same key again returns the same binding and creates nothing.' }) idempotencyKey?: string | null;
  @Field(() => String, { nullable: true, description: 'Which configured app; defaults to the only app of this mode.' }) app?: string | null;
}

@InputType('UpdateAXBBindingInput')
export class UpdateAXBBindingInput {
  @Field(() => PhoneNumberScalar, { nullable: true }) partyA?: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true }) partyB?: string | null;
  @Field(() => CallDirection, { nullable: true }) callDirection?: CallDirection | null;
  @Field(() => Int, { nullable: true, description: 'A new lifetime counted from now; 0 = no expiry.' }) expiresInSeconds?: number | null;
  @Field(() => Boolean, { nullable: true }) recordCalls?: boolean | null;
  @Field(() => Int, { nullable: true }) maxCallMinutes?: number | null;
  @Field(() => Boolean, { nullable: true }) smsEnabled?: boolean | null;
}

@InputType('CreateAXBindingInput')
export class CreateAXBindingInput {
  @Field(() => PhoneNumberScalar) partyA!: string;
  @Field(() => PhoneNumberScalar, { nullable: true }) privacyNumber?: string | null;
  @Field(() => String, { nullable: true }) cityCode?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) strictCityMatch?: boolean | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) recordCalls?: boolean | null;
  @Field(() => Int, { nullable: true }) maxCallMinutes?: number | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) smsEnabled?: boolean | null;
  @Field(() => String, { nullable: true }) userData?: string | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
  @Field(() => String, { nullable: true }) app?: string | null;
}

@InputType('CreateAXEBindingInput')
export class CreateAXEBindingInput {
  @Field(() => PhoneNumberScalar) partyA!: string;
  @Field(() => PhoneNumberScalar, { nullable: true }) privacyNumber?: string | null;
  @Field(() => String, { nullable: true }) cityCode?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) strictCityMatch?: boolean | null;
  @Field(() => String, { nullable: true, description: '1–4 digits; absent = the platform assigns one.' }) extension?: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true }) callbackNumber?: string | null;
  @Field(() => Int, { nullable: true, description: 'Rounded up to whole minutes; 0 or null = no expiry.' }) expiresInSeconds?: number | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) recordCalls?: boolean | null;
  @Field(() => String, { nullable: true }) userData?: string | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
  @Field(() => String, { nullable: true }) app?: string | null;
}

@InputType('CreateAXYBBindingInput')
export class CreateAXYBBindingInput {
  @Field(() => PhoneNumberScalar) partyA!: string;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'Bind the YB half at once; or later with bindAXYBPartyB.' }) partyB?: string | null;
  @Field(() => String, { nullable: true }) cityCode?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) strictCityMatch?: boolean | null;
  @Field(() => CallDirection, { nullable: true, defaultValue: CallDirection.BOTH }) callDirection?: CallDirection | null;
  @Field(() => Int, { nullable: true, description: '0 or null = no expiry, else 60–7776000.' }) expiresInSeconds?: number | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) recordCalls?: boolean | null;
  @Field(() => String, { nullable: true }) userData?: string | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
  @Field(() => String, { nullable: true }) app?: string | null;
}

