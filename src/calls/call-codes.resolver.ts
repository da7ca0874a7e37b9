import { FieldResolver, Resolver, Root } from 'type-graphql';
import { HANGUP_CODES, Q850_CAUSES, TEARDOWN_POINTS } from '../platform/push-codes';
import { PlatformCode, platformCode } from '../shared/platform-code.type';
import { CallRecordDirection, toCallRecordDirection } from './call-record-direction';
import { Call, CallEvent, CallRecord } from './call.type';

/** The readable companions of the calls' integer codes; each beside its raw field, which stays as it is. */
@Resolver(() => Call)
export class CallCodesResolver {
  @FieldResolver(() => PlatformCode, { nullable: true, description: 'hangupCode with its documented meaning; null while the call has not ended.' })
  hangup(@Root() call: Pick<Call, 'hangupCode'>): PlatformCode | null {
    return platformCode(HANGUP_CODES, call.hangupCode);
  }
}

@Resolver(() => CallEvent)
export class CallEventCodesResolver {
  @FieldResolver(() => PlatformCode, { nullable: true, description: 'hangupCode with its documented meaning; null on events other than DISCONNECT.' })
  hangup(@Root() event: Pick<CallEvent, 'hangupCode'>): PlatformCode | null {
    return platformCode(HANGUP_CODES, event.hangupCode);
  }
}

@Resolver(() => CallRecord)
export class CallRecordCodesResolver {
  @FieldResolver(() => CallRecordDirection, { nullable: true, description: 'direction with its documented meaning; null for a value the documentation does not list.' })
  directionKind(@Root() record: Pick<CallRecord, 'direction'>): CallRecordDirection | null {
    return toCallRecordDirection(record.direction);
  }

  @FieldResolver(() => PlatformCode, { nullable: true, description: 'failureCause with its Q.850 meaning; null when the record has none.' })
  failure(@Root() record: Pick<CallRecord, 'failureCause'>): PlatformCode | null {
    return platformCode(Q850_CAUSES, record.failureCause);
  }

  @FieldResolver(() => PlatformCode, { nullable: true, description: 'teardownPoint with its documented meaning; null when the record has none.' })
  teardown(@Root() record: Pick<CallRecord, 'teardownPoint'>): PlatformCode | null {
    return platformCode(TEARDOWN_POINTS, record.teardownPoint);
  }
}
