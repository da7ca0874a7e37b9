import { Authorized, Arg, Ctx, ID, Resolver, Root, type SubscribeResolverData, Subscription } from 'type-graphql';
import { afterDescription, checkLogCursor, type EventsContext, streamOf } from '../events/subscribe';
import { entryOf, type LogEntry } from '../events/topics';
import { fromNumberStatusPayload } from './number-status.payload';
import type { NumbersContext } from './privacy-number.deps';
import { PrivacyNumber } from './privacy-number.type';
import { type PrivacyNumberView, toPrivacyNumberView } from './privacy-number.view';

interface NumberStatusChangedArgs {
  app?: string | null;
  after?: string | null;
}

@Resolver()
export class PrivacyNumberSubscriptionResolver {
  @Authorized()
  @Subscription(() => PrivacyNumber, {
    description: 'Numbers whose status the platform changed (number-status pushes). Each delivery carries `PrivacyNumber.cursor`; pass the last one seen as `after` to resume.',
    subscribe: ({ args: { app, after }, context }: SubscribeResolverData<unknown, NumberStatusChangedArgs, EventsContext>) => {
      return streamOf(context, 'numberStatusChanged', ['numberStatus'], { app: app ?? undefined, appField: 'app' }, checkLogCursor(after));
    },
  })
  numberStatusChanged(
    @Root() entry: LogEntry,
    @Arg('app', () => String, { nullable: true, description: 'Only numbers of this configured app.' }) _app: string | null,
    @Arg('after', () => ID, { nullable: true, description: afterDescription('PrivacyNumber.cursor', 'status changes') }) _after: string | null,
    @Ctx() ctx: NumbersContext,
  ): PrivacyNumberView {
    const e = entryOf(entry, 'numberStatus');
    return { ...toPrivacyNumberView(fromNumberStatusPayload(e.payload.number), ctx.numbers.apps), cursor: e.cursor };
  }
}
