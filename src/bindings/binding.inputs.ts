import { Field, ID, InputType, Int } from 'type-graphql';
import { BindingMode } from '../apps/app.type';
import { PhoneNumberScalar } from '../shared/scalars';
import { BindingStatus } from './binding.type';
import type { CreateBindingFields } from './binding-create.service';
import { CallDirection } from './call-direction';

@InputType('BindingFilter', { description: 'Which bindings of the mirror to list; every given field must match, an absent or null one matches all.' })
export class BindingFilter {
  @Field(() => BindingMode, { nullable: true, description: 'Only bindings of this mode.' })
  mode?: BindingMode | null;

  @Field(() => PhoneNumberScalar, { nullable: true, description: 'X (or Y for AXYB).' })
  privacyNumber?: string | null;

  @Field(() => PhoneNumberScalar, { nullable: true, description: 'A real number: party A or B.' })
  party?: string | null;

  @Field(() => BindingStatus, { nullable: true, description: 'Only bindings in this status, as the mirror last saw it.' })
  status?: BindingStatus | null;

  @Field(() => String, { nullable: true, description: 'App name.' })
  app?: string | null;
}

/**
 * What every create mutation takes. X is chosen the same way in every mode: `cityCode` (the platform picks a
 * free X there, with `strictCityMatch`), or an explicit `privacyNumber` where the mode allows one (AX, AXB,
 * AXE: exactly one of the two is required); AXYB takes only `cityCode`, and without it the platform picks any X.
 */
@InputType()
abstract class CreateBindingInputBase implements CreateBindingFields {
  @Field(() => PhoneNumberScalar, { description: 'Party A, the real number X stands for.' }) partyA!: string;
  @Field(() => String, { nullable: true, description: 'City code with its leading zero, e.g. 0755: the platform picks a free X there.' }) cityCode?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'With cityCode. true: only that city (NUMBER_UNAVAILABLE when none is free); false: then another city of the province, then any X.' })
  strictCityMatch?: boolean | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Record calls through this binding (the app must have recording enabled).' }) recordCalls?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Up to 256 characters, returned in call events and records of this binding.' }) userData?: string | null;
  @Field(() => String, { nullable: true, description: 'The same key and input again returns the same binding and creates nothing; another input with it is CONFLICT.' })
  idempotencyKey?: string | null;
  @Field(() => String, { nullable: true, description: 'Which configured app; defaults to the only app of this mode.' }) app?: string | null;
}

const PRIVACY_NUMBER = 'Pick X explicitly (one of the app\'s numbers), or give cityCode: exactly one of the two.';

@InputType('CreateAXBBindingInput', { description: 'An AXB binding: A and B reach each other through X.' })
export class CreateAXBBindingInput extends CreateBindingInputBase {
  @Field(() => PhoneNumberScalar, { description: 'Party B: A and B reach each other through X.' }) partyB!: string;
  @Field(() => PhoneNumberScalar, { nullable: true, description: PRIVACY_NUMBER }) privacyNumber?: string | null;
  @Field(() => CallDirection, { nullable: true, defaultValue: CallDirection.BOTH, description: 'Who may call whom through X; BOTH when absent.' }) callDirection?: CallDirection | null;
  @Field(() => Int, { nullable: true, description: 'Lifetime in seconds; 0 or null = no expiry; at most 7776000 (90 days).' }) expiresInSeconds?: number | null;
  @Field(() => Int, { nullable: true, description: 'Per-call limit in minutes from answer, 0–1440; null or 0 = unlimited.' }) maxCallMinutes?: number | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Whether SMS through X reach the other party; true when absent.' }) smsEnabled?: boolean | null;
}

@InputType('UpdateAXBBindingInput', { description: 'What to change on an AXB binding; an absent or null field keeps its value.' })
export class UpdateAXBBindingInput {
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'A new party A.' }) partyA?: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'A new party B.' }) partyB?: string | null;
  @Field(() => CallDirection, { nullable: true, description: 'A new call direction.' }) callDirection?: CallDirection | null;
  @Field(() => Int, { nullable: true, description: 'A new lifetime counted from now; 0 = no expiry.' }) expiresInSeconds?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Record calls from now on (the app must have recording enabled), or stop.' }) recordCalls?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'A new per-call limit in minutes, 0–1440; 0 = unlimited.' }) maxCallMinutes?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether SMS through X reach the other party.' }) smsEnabled?: boolean | null;
}

@InputType('CreateAXBindingInput', { description: 'An AX binding: X belongs to A; A calls out through a temporary callee (setTemporaryCallee).' })
export class CreateAXBindingInput extends CreateBindingInputBase {
  @Field(() => PhoneNumberScalar, { nullable: true, description: PRIVACY_NUMBER }) privacyNumber?: string | null;
  @Field(() => Int, { nullable: true, description: 'Per-call limit in minutes from answer, 0–1440; null or 0 = unlimited.' }) maxCallMinutes?: number | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Whether SMS to X reach A; true when absent.' }) smsEnabled?: boolean | null;
}

@InputType('CreateAXEBindingInput', { description: 'An AXE binding: A is reached as X plus an extension.' })
export class CreateAXEBindingInput extends CreateBindingInputBase {
  @Field(() => PhoneNumberScalar, { nullable: true, description: PRIVACY_NUMBER }) privacyNumber?: string | null;
  @Field(() => String, { nullable: true, description: '1–4 digits; absent = the platform assigns one.' }) extension?: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'Reached when A calls X with no callback record; null = none.' }) callbackNumber?: string | null;
  @Field(() => Int, { nullable: true, description: 'Lifetime in seconds, rounded up to whole minutes; 0 or null = no expiry.' }) expiresInSeconds?: number | null;
}

@InputType('CreateAXYBBindingInput', { description: 'An AXYB binding: B calls X to reach A, A calls Y to reach B.' })
export class CreateAXYBBindingInput extends CreateBindingInputBase {
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'Bind the YB half at once; or later with bindAXYBPartyB.' }) partyB?: string | null;
  @Field(() => CallDirection, { nullable: true, defaultValue: CallDirection.BOTH, description: 'Who may call whom; BOTH when absent.' }) callDirection?: CallDirection | null;
  @Field(() => Int, { nullable: true, description: 'Lifetime in seconds; 0 or null = no expiry, else 60–7776000.' }) expiresInSeconds?: number | null;
}
