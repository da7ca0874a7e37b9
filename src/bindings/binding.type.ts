import { Extensions, Field, ID, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { App, BindingMode } from '../apps/app.type';
import { DateTimeScalar, PhoneNumberScalar } from '../shared/scalars';
import { Connection } from '../shared/connection';
import type { BindingView } from './binding.view';
import { CallDirection } from './call-direction';

export enum BindingStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  DELETED = 'DELETED',
}
registerEnumType(BindingStatus, {
  name: 'BindingStatus',
  description: 'ACTIVE until deleted or past its expiry.',
  valuesConfig: {
    ACTIVE: { description: 'In force on the platform.' },
    EXPIRED: { description: 'Past its expiry (the platform dropped it by itself).' },
    DELETED: { description: 'Unbound (through deleteBinding, or the platform no longer knows it).' },
  },
});

@InterfaceType('Binding', {
  description: 'A binding of real numbers to a privacy number (X). The id is the platform subscriptionId.',
  resolveType: (value: { mode: string }) => `${value.mode}Binding`,
})
export abstract class Binding {
  @Field(() => ID, { description: "The platform's subscriptionId." })
  id!: string;

  @Field(() => BindingMode, { description: 'The binding mode, the same as its app\'s; also the concrete type (AXBBinding, …).' })
  mode!: BindingMode;

  @Field(() => App, { description: 'The configured app the binding was created in.' })
  app!: App;

  @Extensions({ privacy: 'visible' })
  @Field(() => PhoneNumberScalar, { description: 'X: the number both sides see.' })
  privacyNumber!: string;

  @Field(() => BindingStatus, { description: 'As the mirror last saw it; binding(id) asks the platform and refreshes it.' })
  status!: BindingStatus;

  @Field(() => Boolean, { description: 'Calls through this binding are recorded (the recording is on Call.recording).' })
  recordCalls!: boolean;

  @Extensions({ privacy: 'masked' })
  @Field(() => String, { nullable: true, description: 'What the creator passed (up to 256 characters), echoed in call events and records; null when none. Masked for viewers.' })
  userData!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the gateway created it on the platform.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Null = no expiry.' })
  expiresAt!: Date | null;
}

@ObjectType('AXBBinding', { implements: Binding, description: 'A and B reach each other through X.' })
export class AXBBinding extends Binding {
  @Field(() => PhoneNumberScalar, { description: 'Party A, a real number.' })
  partyA!: string;

  @Field(() => PhoneNumberScalar, { description: 'Party B, a real number.' })
  partyB!: string;

  @Field(() => CallDirection, { description: 'Who may call whom through X.' })
  callDirection!: CallDirection;

  @Field(() => Int, { nullable: true, description: 'Per-call limit from answer; null = unlimited.' })
  maxCallMinutes!: number | null;

  @Field(() => Boolean, { description: 'SMS through X reach the other party.' })
  smsEnabled!: boolean;
}

@ObjectType('AXBinding', { implements: Binding, description: 'X belongs to A: anyone calling X reaches A; A calls out through a temporary callee.' })
export class AXBinding extends Binding {
  @Field(() => PhoneNumberScalar, { description: 'Party A, the real number X belongs to.' })
  partyA!: string;

  @Field(() => PhoneNumberScalar, { nullable: true, description: 'Set by setTemporaryCallee, valid for about one minute.' })
  temporaryCallee!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When temporaryCallee stops applying; null when none is set.' })
  temporaryCalleeExpiresAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Per-call limit in minutes from answer; null = unlimited.' })
  maxCallMinutes!: number | null;

  @Field(() => Boolean, { description: 'SMS to X reach A.' })
  smsEnabled!: boolean;
}

@ObjectType('AXEBinding', { implements: Binding, description: 'A is reached as X plus an extension.' })
export class AXEBinding extends Binding {
  @Field(() => PhoneNumberScalar, { description: 'Party A, reached as X plus the extension.' })
  partyA!: string;

  @Field(() => String, { description: 'The 1–4 digits a caller keys after dialling X to reach A.' })
  extension!: string;

  @Field(() => PhoneNumberScalar, { nullable: true, description: 'Reached when A calls X with no callback record.' })
  callbackNumber!: string | null;
}

@ObjectType('AXYBBinding', { implements: Binding, description: 'B calls X to reach A; A calls Y to reach B.' })
export class AXYBBinding extends Binding {
  @Field(() => PhoneNumberScalar, { description: 'Party A, reached by B through X.' })
  partyA!: string;

  @Field(() => PhoneNumberScalar, { nullable: true, description: 'Null until the YB half is bound.' })
  partyB!: string | null;

  @Extensions({ privacy: 'visible' })
  @Field(() => PhoneNumberScalar, { nullable: true, description: "Y, shown to A as B's number." })
  numberY!: string | null;

  @Field(() => CallDirection, { description: 'Who may call whom (A through Y, B through X).' })
  callDirection!: CallDirection;
}

/** A page of bindings (`bindings`, `PrivacyNumber.bindings`). */
@ObjectType('BindingConnection', { description: 'A page of bindings from the local mirror, oldest first.' })
export class BindingConnection extends Connection<BindingView>(Binding, 'Binding', 'bindings') {}
