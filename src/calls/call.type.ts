import { Extensions, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Binding } from '../bindings/binding.type';
import { payloadCursorDescription } from '../shared/cursor';
import { Connection } from '../shared/connection';
import type { CallView } from './call.payload';
import { DateTimeScalar, PhoneNumberScalar } from '../shared/scalars';

export enum CallEventType {
  CALL_IN = 'CALL_IN',
  CALL_OUT = 'CALL_OUT',
  ALERTING = 'ALERTING',
  ANSWER = 'ANSWER',
  DISCONNECT = 'DISCONNECT',
  COLLECT_INFO = 'COLLECT_INFO',
}
registerEnumType(CallEventType, {
  name: 'CallEventType',
  description: 'Platform eventType callin / callout / alerting / answer / disconnect / collectInfo (AXE).',
  valuesConfig: {
    CALL_IN: { description: 'callin: the caller reached the privacy number.' },
    CALL_OUT: { description: 'callout: the platform calls the other party.' },
    ALERTING: { description: 'alerting: the other party is ringing.' },
    ANSWER: { description: 'answer: the other party answered.' },
    DISCONNECT: { description: 'disconnect: the call ended; hangupCode says why.' },
    COLLECT_INFO: { description: 'collectInfo (AXE): the caller keyed an extension (digits).' },
  },
});

export enum CallState {
  INCOMING = 'INCOMING',
  RINGING = 'RINGING',
  ANSWERED = 'ANSWERED',
  ENDED = 'ENDED',
  FAILED = 'FAILED',
}
registerEnumType(CallState, {
  name: 'CallState',
  description: 'Moves only forward. ENDED: the call was connected; FAILED: it never was.',
  valuesConfig: {
    INCOMING: { description: 'The caller reached the privacy number.' },
    RINGING: { description: 'The other party is ringing.' },
    ANSWERED: { description: 'Both sides are talking.' },
    ENDED: { description: 'Over, after it was answered.' },
    FAILED: { description: 'Over without being answered.' },
  },
});

@ObjectType('CallEvent', { description: 'One call event push, as stored in the event log.' })
export class CallEvent {
  @Field(() => ID, { description: 'Position in the durable event log; pass it as `after` to resume a subscription.' })
  cursor!: string;

  @Field(() => ID)
  sessionId!: string;

  @Field(() => CallEventType)
  type!: CallEventType;

  @Field(() => DateTimeScalar)
  occurredAt!: Date;

  @Field(() => PhoneNumberScalar, { nullable: true, description: 'AX mode: the platform warns these may not be the real numbers; the call record has them.' })
  caller!: string | null;

  @Field(() => PhoneNumberScalar, { nullable: true })
  called!: string | null;

  @Field(() => Binding, { nullable: true })
  binding?: Binding | null;

  @Field(() => Int, { nullable: true, description: 'stateCode on DISCONNECT (0 = normal release).' })
  hangupCode!: number | null;

  @Field(() => String, { nullable: true })
  hangupReason!: string | null;

  @Field(() => String, { nullable: true, description: 'COLLECT_INFO: the extension keyed by the caller (AXE).' })
  digits!: string | null;

  /** The binding id, resolved to `binding` through the per-request loader. */
  bindingId!: string | null;
}

@ObjectType('Recording')
export class Recording {
  @Field(() => String)
  fileName!: string;

  @Field(() => String, { description: 'Fetched from the platform on demand; valid about three days.' })
  downloadUrl!: string;

  @Field(() => DateTimeScalar)
  downloadUrlExpiresAt!: Date;

  @Field(() => DateTimeScalar, { description: 'The platform keeps recordings for seven days after the call record.' })
  availableUntil!: Date;
}

@ObjectType('CallRecord', { description: 'One CDR as pushed by the platform (the "fee" push).' })
export class CallRecord {
  @Field(() => ID, { nullable: true, description: payloadCursorDescription('callRecords') }) cursor?: string | null;
  @Field(() => ID) sessionId!: string;
  @Field(() => Int, { description: 'Platform direction: AXB 0 = B called A, 1 = A called B, 2 = abnormal; AX/AXE 0 = someone called A, 1 = A called out.' }) direction!: number;
  @Extensions({ privacy: 'visible' }) @Field(() => PhoneNumberScalar, { description: 'bindNum' }) privacyNumber!: string;
  @Field(() => PhoneNumberScalar) caller!: string;
  @Field(() => PhoneNumberScalar, { nullable: true }) callee!: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'fwdDstNum' }) forwardedTo!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) callStartedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) ringingAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) answeredAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt!: Date | null;
  @Field(() => Int, { description: 'endedAt - answeredAt, 0 when unanswered.' }) durationSeconds!: number;
  @Field(() => Int, { nullable: true, description: 'fwdUnaswRsn (Q.850 cause).' }) failureCause!: number | null;
  @Field(() => Int, { nullable: true, description: 'ulFailReason (teardown point).' }) teardownPoint!: number | null;
  @Field(() => Boolean) recorded!: boolean;
  @Extensions({ privacy: 'masked' }) @Field(() => String, { nullable: true }) userData!: string | null;
}

@ObjectType('Call', { description: 'A call through a privacy number, built from its events and its call record.' })
export class Call {
  @Field(() => ID, { nullable: true, description: payloadCursorDescription('callUpdated') }) cursor?: string | null;
  @Field(() => ID) sessionId!: string;
  @Field(() => Binding, { nullable: true }) binding?: Binding | null;
  @Extensions({ privacy: 'visible' }) @Field(() => PhoneNumberScalar, { nullable: true }) privacyNumber!: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true }) caller!: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true }) callee!: string | null;
  @Field(() => CallState) state!: CallState;
  @Field(() => DateTimeScalar, { nullable: true }) startedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) answeredAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt!: Date | null;
  @Field(() => Int, { nullable: true }) durationSeconds!: number | null;
  @Field(() => Int, { nullable: true }) hangupCode!: number | null;
  @Field(() => String, { nullable: true }) hangupReason!: string | null;
  /** The binding id, resolved to `binding` through the per-request loader. */
  bindingId!: string | null;
  /** The app the call belongs to. */
  app!: string;
}

@ObjectType('CallConnection', { description: 'A page of calls heard from the platform, newest first.' })
export class CallConnection extends Connection<CallView>(Call, 'Call', 'calls') {}

@InputType('CallFilter')
export class CallFilter {
  @Field(() => ID, { nullable: true }) bindingId?: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true }) privacyNumber?: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'Caller or callee.' }) party?: string | null;
  @Field(() => CallState, { nullable: true }) state?: CallState | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Calls started at or after this instant.' }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Calls started before this instant.' }) to?: Date | null;
  @Field(() => String, { nullable: true, description: 'App name.' }) app?: string | null;
}

@InputType('CallEventFilter')
export class CallEventFilter {
  @Field(() => ID, { nullable: true }) bindingId?: string | null;
  @Field(() => ID, { nullable: true }) sessionId?: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true }) privacyNumber?: string | null;
  @Field(() => [CallEventType], { nullable: true }) types?: CallEventType[] | null;
  @Field(() => String, { nullable: true, description: 'App name.' }) app?: string | null;
}
