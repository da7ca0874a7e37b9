import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Binding } from '../bindings/binding.type';
import { payloadCursorDescription } from '../shared/cursor';
import { Connection } from '../shared/connection';
import { CallEventType } from './call-event-type';
import { CallState } from './call-state';
import type { CallView } from './call.payload';
import { DateTimeScalar, PhoneNumberScalar } from '../shared/scalars';

@ObjectType('CallEvent', { description: 'One call event push, as stored in the event log.' })
export class CallEvent {
  @Field(() => ID, { description: 'Position in the durable event log; pass it as `after` to resume a subscription.' })
  cursor!: string;

  @Field(() => ID, { description: "The platform's sessionId: the same on every event, the record and the Call of one call." })
  sessionId!: string;

  @Field(() => CallEventType, { description: 'Which step of the call this event reports.' })
  type!: CallEventType;

  @Field(() => DateTimeScalar, { description: 'When it happened, as the platform pushed it (timestamp).' })
  occurredAt!: Date;

  @Field(() => PhoneNumberScalar, { nullable: true, description: 'AX mode: the platform warns these may not be the real numbers; the call record has them.' })
  caller!: string | null;

  @Field(() => PhoneNumberScalar, { nullable: true, description: 'The called number as the platform pushed it (X, or the real party once forwarded); null when absent.' })
  called!: string | null;

  @Field(() => Binding, { nullable: true, description: 'The binding the call went through, from the mirror; null when the push named none or the mirror does not know it.' })
  binding?: Binding | null;

  @Field(() => Int, { nullable: true, description: 'stateCode on DISCONNECT (0 = normal release; hangup has its meaning); null on other events.' })
  hangupCode!: number | null;

  @Field(() => String, { nullable: true, description: "stateDesc on DISCONNECT: the platform's own text for hangupCode; null on other events or when absent." })
  hangupReason!: string | null;

  @Field(() => String, { nullable: true, description: 'COLLECT_INFO: the extension keyed by the caller (AXE).' })
  digits!: string | null;

  /** The binding id, resolved to `binding` through the per-request loader. */
  bindingId!: string | null;
}

@ObjectType('Recording', { description: 'The recording of a call, downloaded from the platform through a signed, short-lived URL.' })
export class Recording {
  @Field(() => String, { description: "The platform's recordObjectName (e.g. a .wav file name)." })
  fileName!: string;

  @Field(() => String, { description: 'Fetched from the platform on demand; valid about three days.' })
  downloadUrl!: string;

  @Field(() => DateTimeScalar, { description: 'After this instant downloadUrl no longer works; ask again for a new one.' })
  downloadUrlExpiresAt!: Date;

  @Field(() => DateTimeScalar, { description: 'The platform keeps recordings for seven days after the call record.' })
  availableUntil!: Date;
}

@ObjectType('CallRecord', { description: 'One CDR as pushed by the platform (the "fee" push).' })
export class CallRecord {
  @Field(() => ID, { nullable: true, description: payloadCursorDescription('callRecords') }) cursor?: string | null;
  @Field(() => ID, { description: "The platform's sessionId, shared with the call's events and its Call." }) sessionId!: string;
  @Field(() => Int, { description: 'Platform direction: AXB 0 = B called A, 1 = A called B, 2 = abnormal; AX/AXE 0 = someone called A, 1 = A called out.' }) direction!: number;
  @Extensions({ privacy: 'visible' }) @Field(() => PhoneNumberScalar, { description: 'bindNum' }) privacyNumber!: string;
  @Field(() => PhoneNumberScalar, { description: 'callerNum: the real number that called.' }) caller!: string;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'calleeNum: the number dialled; null when the record has none.' }) callee!: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'fwdDstNum: the real number the call was forwarded to; null when it was not forwarded.' }) forwardedTo!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'callInTime: when the caller reached the platform; null when absent.' }) callStartedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'fwdAlertingTime: when the forwarded party started ringing; null when it never rang.' }) ringingAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'fwdAnswerTime: when the forwarded party answered; null when unanswered.' }) answeredAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'callEndTime (failTime when it failed): when the call ended; null when absent.' }) endedAt!: Date | null;
  @Field(() => Int, { description: 'endedAt - answeredAt, 0 when unanswered.' }) durationSeconds!: number;
  @Field(() => Int, { nullable: true, description: 'fwdUnaswRsn (Q.850 cause; failure has its meaning); null when absent.' }) failureCause!: number | null;
  @Field(() => Int, { nullable: true, description: 'ulFailReason (teardown point; teardown has its meaning); null when absent.' }) teardownPoint!: number | null;
  @Field(() => Boolean, { description: 'The platform recorded the call (Call.recording fetches it).' }) recorded!: boolean;
  @Extensions({ privacy: 'masked' }) @Field(() => String, { nullable: true, description: "The binding's userData echoed by the platform; null when none. Masked for viewers." }) userData!: string | null;
}

@ObjectType('Call', { description: 'A call through a privacy number, built from its events and its call record.' })
export class Call {
  @Field(() => ID, { nullable: true, description: payloadCursorDescription('callUpdated') }) cursor?: string | null;
  @Field(() => ID, { description: "The platform's sessionId, shared with the call's events and record." }) sessionId!: string;
  @Field(() => Binding, { nullable: true, description: 'The binding the call went through, from the mirror; null when the pushes named none or the mirror does not know it.' }) binding?: Binding | null;
  @Extensions({ privacy: 'visible' }) @Field(() => PhoneNumberScalar, { nullable: true, description: 'The privacy number (X or Y) the call went through; null until a push names it.' }) privacyNumber!: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'Who called; null until a push names it.' }) caller!: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'Who was called (the real party); null until a push names it.' }) callee!: string | null;
  @Field(() => CallState, { description: 'Where the call is, from the events and the record seen so far.' }) state!: CallState;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the caller reached the platform; null until known.' }) startedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the other party answered; null when not (yet) answered.' }) answeredAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the call ended; null while it goes on.' }) endedAt!: Date | null;
  @Field(() => Int, { nullable: true, description: 'Talk time in seconds from answer to end; null until ended, 0 when never answered.' }) durationSeconds!: number | null;
  @Field(() => Int, { nullable: true, description: 'stateCode of the disconnect event (0 = normal release; hangup has its meaning); null while the call goes on.' }) hangupCode!: number | null;
  @Field(() => String, { nullable: true, description: "The platform's text for hangupCode (stateDesc); null while the call goes on or when absent." }) hangupReason!: string | null;
  /** The binding id, resolved to `binding` through the per-request loader. */
  bindingId!: string | null;
  /** The app the call belongs to. */
  app!: string;
}

@ObjectType('CallConnection', { description: 'A page of calls heard from the platform, newest first.' })
export class CallConnection extends Connection<CallView>(Call, 'Call', 'calls') {}

@InputType('CallFilter', { description: 'Which calls to list; every given field must match, an absent or null one matches all.' })
export class CallFilter {
  @Field(() => ID, { nullable: true, description: 'Only calls through this binding.' }) bindingId?: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'Only calls through this privacy number.' }) privacyNumber?: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'Caller or callee.' }) party?: string | null;
  @Field(() => CallState, { nullable: true, description: 'Only calls in this state.' }) state?: CallState | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Calls started at or after this instant.' }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Calls started before this instant.' }) to?: Date | null;
  @Field(() => String, { nullable: true, description: 'App name.' }) app?: string | null;
}

@InputType('CallEventFilter', { description: 'Which call events to deliver; every given field must match, an absent or null one matches all.' })
export class CallEventFilter {
  @Field(() => ID, { nullable: true, description: 'Only events of calls through this binding (NOT_FOUND when the mirror does not know it).' }) bindingId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only events of this call.' }) sessionId?: string | null;
  @Field(() => PhoneNumberScalar, { nullable: true, description: 'Only events of calls through this privacy number.' }) privacyNumber?: string | null;
  @Field(() => [CallEventType], { nullable: true, description: 'Only events of these types; null or empty = every type.' }) types?: CallEventType[] | null;
  @Field(() => String, { nullable: true, description: 'App name.' }) app?: string | null;
}
