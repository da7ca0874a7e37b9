import { Authorized, Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { afterDescription, checkLogCursor, type EventsContext, streamOf } from '../events/subscribe';
import type { LogEntry } from '../events/topics';
import type { NumbersContext } from './privacy-number.deps';
import type { PrivacyNumberRecord } from './privacy-number.repository';
import { PrivacyNumber } from './privacy-number.type';
import { type PrivacyNumberView, toPrivacyNumberView } from './privacy-number.view';

type NumberPayload = Omit<PrivacyNumberRecord, 'statusChangedAt'> & { statusChangedAt: string | null };

@Resolver()
export class PrivacyNumberSubscriptionResolver {
  @Authorized()
  @Subscription(() => PrivacyNumber, {
    description: 'Numbers whose status the platform changed (number-status pushes). Each delivery carries `PrivacyNumber.cursor`; pass the last one seen as `after` to resume.',
    subscribe: ({ args, context }) => {
      const a = args as { app?: string | null; after?: string | null };
      return streamOf(context as EventsContext, 'numberStatusChanged', ['numberStatus'], { app: a.app ?? undefined, appField: 'app' }, checkLogCursor(a.after));
    },
  })
  numberStatusChanged(
    @Root() entry: LogEntry,
    @Arg('app', () => String, { nullable: true, description: 'Only numbers of this configured app.' }) _app: string | null,
    @Arg('after', () => ID, { nullable: true, description: afterDescription('PrivacyNumber.cursor', 'status changes') }) _after: string | null,
    @Ctx() ctx: NumbersContext,
  ): PrivacyNumberView {
    const p = entry.payload.number as NumberPayload;
    return { ...toPrivacyNumberView({ ...p, statusChangedAt: p.statusChangedAt ? new Date(p.statusChangedAt) : null }, ctx.numbers.apps), cursor: entry.cursor };
  }
}
