import { Authorized, Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import { type BindingsContext, checkBindingKnown } from '../bindings/binding.context';
import { afterDescription as AFTER, checkLogCursor, type EventsContext, streamOf } from '../events/subscribe';
import type { LogEntry } from '../events/topics';
import { PhoneNumberScalar } from '../shared/scalars';
import {
  type CallEventPayload,
  type CallEventView,
  type CallPayload,
  type CallRecordPayload,
  type CallView,
  callEventFromPayload,
  callFromPayload,
  fromCallRecordPayload,
} from './call.payload';
import type { CallRecordRow } from './call.record';
import { Call, CallEvent, CallEventFilter, CallRecord } from './call.type';

interface CallEventsArgs {
  filter?: CallEventFilter | null;
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
    subscribe: async ({ args, context }) => {
      const { filter, after } = args as CallEventsArgs;
      const types = filter?.types?.length ? new Set<string>(filter.types) : null;
      await checkBindingKnown(context as BindingsContext, filter?.bindingId, 'filter.bindingId');
      return streamOf(
        context as EventsContext,
        'callEvents',
        ['callEvent'],
        { app: filter?.app ?? undefined, sessionId: filter?.sessionId ?? undefined, bindingId: filter?.bindingId ?? undefined, privacyNumber: filter?.privacyNumber ?? undefined },
        checkLogCursor(after),
        types ? (e) => types.has((e.payload.event as CallEventPayload).type) : undefined,
      );
    },
  })
  callEvents(
    @Root() entry: LogEntry,
    @Arg('filter', () => CallEventFilter, { nullable: true, description: 'Every given field must match; absent = every call event the caller may see.' }) _filter: CallEventFilter | null,
    @Arg('after', () => ID, { nullable: true, description: AFTER('CallEvent.cursor', 'events') }) _after: string | null,
  ): CallEventView {
    return callEventFromPayload(entry.cursor, entry.payload.event as CallEventPayload);
  }

  @Authorized()
  @Subscription(() => Call, {
    description: 'The call each time an event or its record changes it. Each delivery carries `Call.cursor`; pass the last one seen as `after` to resume.',
    subscribe: ({ args, context }) => {
      const a = args as { sessionId: string; after?: string | null };
      return streamOf(context as EventsContext, 'callUpdated', ['callEvent', 'callRecord'], { sessionId: a.sessionId }, checkLogCursor(a.after));
    },
  })
  callUpdated(
    @Root() entry: LogEntry,
    @Arg('sessionId', () => ID, { description: 'The call to follow.' }) _sessionId: string,
    @Arg('after', () => ID, { nullable: true, description: AFTER('Call.cursor', 'changes of this call') }) _after: string | null,
  ): CallView {
    return { ...callFromPayload(entry.payload.call as CallPayload), cursor: entry.cursor };
  }

  @Authorized()
  @Subscription(() => CallRecord, {
    description: 'Call records (CDRs) as they are stored. Each record carries `cursor`; pass the last one seen as `after` to resume.',
    subscribe: async ({ args, context }) => {
      const a = args as { bindingId?: string | null; privacyNumber?: string | null; after?: string | null };
      await checkBindingKnown(context as BindingsContext, a.bindingId, 'bindingId');
      return streamOf(context as EventsContext, 'callRecords', ['callRecord'], { bindingId: a.bindingId ?? undefined, privacyNumber: a.privacyNumber ?? undefined }, checkLogCursor(a.after));
    },
  })
  callRecords(
    @Root() entry: LogEntry,
    @Arg('bindingId', () => ID, { nullable: true, description: 'Only records of this binding (NOT_FOUND when the mirror does not know it).' }) _bindingId: string | null,
    @Arg('privacyNumber', () => PhoneNumberScalar, { nullable: true, description: 'Only records through this X.' }) _privacyNumber: string | null,
    @Arg('after', () => ID, { nullable: true, description: AFTER('CallRecord.cursor', 'records') }) _after: string | null,
  ): CallRecordRow & { cursor: string } {
    return { ...fromCallRecordPayload(entry.payload.record as CallRecordPayload), cursor: entry.cursor };
  }
}

