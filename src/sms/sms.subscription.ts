import { Authorized, Arg, ID, Resolver, Root, type SubscribeResolverData, Subscription } from 'type-graphql';
import { type BindingsContext, checkBindingKnown } from '../bindings/binding.context';
import { afterDescription, checkLogCursor, type EventsContext, streamOf } from '../events/subscribe';
import { entryOf, type LogEntry } from '../events/topics';
import { PhoneNumberScalar } from '../shared/scalars';
import { fromSmsPayload } from './sms.record';
import { type SmsView, toSmsView } from './sms.resolver';
import { SmsMessage } from './sms.type';

interface SmsMessagesArgs {
  bindingId?: string | null;
  privacyNumber?: string | null;
  after?: string | null;
}

@Resolver()
export class SmsSubscriptionResolver {
  @Authorized()
  @Subscription(() => SmsMessage, {
    description: 'SMS pushes as they are stored (a BLOCK and a NOTIFY push of one SMS are two records). Each carries `cursor`; pass the last one seen as `after` to resume.',
    subscribe: async ({ args: { bindingId, privacyNumber, after }, context }: SubscribeResolverData<unknown, SmsMessagesArgs, EventsContext & BindingsContext>) => {
      await checkBindingKnown(context, bindingId, 'bindingId');
      return streamOf(context, 'smsMessages', ['sms'], { bindingId: bindingId ?? undefined, privacyNumber: privacyNumber ?? undefined }, checkLogCursor(after));
    },
  })
  smsMessages(
    @Root() entry: LogEntry,
    @Arg('bindingId', () => ID, { nullable: true, description: 'Only SMS of this binding (NOT_FOUND when the mirror does not know it).' }) _bindingId: string | null,
    @Arg('privacyNumber', () => PhoneNumberScalar, { nullable: true, description: 'Only SMS through this X.' }) _privacyNumber: string | null,
    @Arg('after', () => ID, { nullable: true, description: afterDescription('SmsMessage.cursor', 'SMS records') }) _after: string | null,
  ): SmsView {
    const e = entryOf(entry, 'sms');
    return { ...toSmsView(fromSmsPayload(e.payload.sms)), cursor: e.cursor };
  }
}
