import { Authorized, Arg, ID, Resolver, Root, type SubscribeResolverData, Subscription } from 'type-graphql';
import { type BindingsContext, checkBindingKnown } from '../bindings/binding.context';
import { afterDescription as AFTER, checkLogCursor, type EventsContext, streamOf } from '../events/subscribe';
import { entryOf, isKind, type LogEntry } from '../events/topics';
import { PhoneNumberScalar } from '../shared/scalars';
import { type CallEventView, type CallView, callEventFromPayload, callFromPayload, fromCallRecordPayload } from './call.payload';
import type { CallRecordRow } from './call.record';
import { Call, CallEvent, CallEventFilter, CallRecord } from './call.type';

/** What a call subscription reads from the context: the event log, and the binding mirror for a binding filter. */
type CallStreamContext = EventsContext & BindingsContext;

/** The hook data of a subscription with arguments `A`: the arguments as the schema declares them below. */
type Subscribe<A> = SubscribeResolverData<unknown, A, CallStreamContext>;

interface CallEventsArgs {
  filter?: CallEventFilter | null;
  after?: string | null;
}

interface CallUpdatedArgs {
  sessionId: string;
  after?: string | null;
}

interface CallRecordsArgs {
  bindingId?: string | null;
  privacyNumber?: string | null;
  after?: string | null;
}

/**
 * Live call data over graphql-ws. Every subscription reads the durable event log, never a webhook body:
 * with `after` it first replays what was stored after that cursor, then follows live entries, with no gap
 * and no duplicate, whichever gateway instance stored them.
 */
@Resolver()
export class CallSubscriptionResolver {
  @Authorized()
  @Subscription(() => CallEvent, {
    description: 'Call events as they are stored, oldest first. Each event carries `cursor`; pass the last one seen as `after` to resume.',
    subscribe: async ({ args: { filter, after }, context }: Subscribe<CallEventsArgs>) => {
      const types = filter?.types?.length ? new Set(filter.types) : null;
      await checkBindingKnown(context, filter?.bindingId, 'filter.bindingId');
      return streamOf(
        context,
        'callEvents',
        ['callEvent'],
        { app: filter?.app ?? undefined, sessionId: filter?.sessionId ?? undefined, bindingId: filter?.bindingId ?? undefined, privacyNumber: filter?.privacyNumber ?? undefined },
        checkLogCursor(after),
        types ? (e) => isKind(e, 'callEvent') && types.has(e.payload.event.type) : undefined,
      );
    },
  })
  callEvents(
    @Root() entry: LogEntry,
    @Arg('filter', () => CallEventFilter, { nullable: true, description: 'Every given field must match; absent = every call event the caller may see.' }) _filter: CallEventFilter | null,
    @Arg('after', () => ID, { nullable: true, description: AFTER('CallEvent.cursor', 'events') }) _after: string | null,
  ): CallEventView {
    const e = entryOf(entry, 'callEvent');
    return callEventFromPayload(e.cursor, e.payload.event);
  }

  @Authorized()
  @Subscription(() => Call, {
    description: 'The call each time an event or its record changes it. Each delivery carries `Call.cursor`; pass the last one seen as `after` to resume.',
    subscribe: ({ args: { sessionId, after }, context }: Subscribe<CallUpdatedArgs>) => {
      return streamOf(context, 'callUpdated', ['callEvent', 'callRecord'], { sessionId }, checkLogCursor(after));
    },
  })
  callUpdated(
    @Root() entry: LogEntry,
    @Arg('sessionId', () => ID, { description: 'The call to follow.' }) _sessionId: string,
    @Arg('after', () => ID, { nullable: true, description: AFTER('Call.cursor', 'changes of this call') }) _after: string | null,
  ): CallView {
    const e = entryOf(entry, 'callEvent', 'callRecord');
    return { ...callFromPayload(e.payload.call), cursor: e.cursor };
  }

  @Authorized()
  @Subscription(() => CallRecord, {
    description: 'Call records (CDRs) as they are stored. Each record carries `cursor`; pass the last one seen as `after` to resume.',
    subscribe: async ({ args: { bindingId, privacyNumber, after }, context }: Subscribe<CallRecordsArgs>) => {
      await checkBindingKnown(context, bindingId, 'bindingId');
      return streamOf(context, 'callRecords', ['callRecord'], { bindingId: bindingId ?? undefined, privacyNumber: privacyNumber ?? undefined }, checkLogCursor(after));
    },
  })
  callRecords(
    @Root() entry: LogEntry,
    @Arg('bindingId', () => ID, { nullable: true, description: 'Only records of this binding (NOT_FOUND when the mirror does not know it).' }) _bindingId: string | null,
    @Arg('privacyNumber', () => PhoneNumberScalar, { nullable: true, description: 'Only records through this X.' }) _privacyNumber: string | null,
    @Arg('after', () => ID, { nullable: true, description: AFTER('CallRecord.cursor', 'records') }) _after: string | null,
  ): CallRecordRow & { cursor: string } {
    const e = entryOf(entry, 'callRecord');
    return { ...fromCallRecordPayload(e.payload.record), cursor: e.cursor };
  }
}

