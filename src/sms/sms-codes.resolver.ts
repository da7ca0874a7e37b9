import { FieldResolver, Resolver, Root } from 'type-graphql';
import { SMS_SEND_RESULTS } from '../platform/push-codes';
import { PlatformCode, platformCode } from '../shared/platform-code.type';
import { SmsMessage } from './sms.type';

/** The readable companion of sendResult, beside the raw field, which stays as it is. */
@Resolver(() => SmsMessage)
export class SmsCodesResolver {
  @FieldResolver(() => PlatformCode, { nullable: true, description: 'sendResult with its documented meaning; null when the push carried none.' })
  sendOutcome(@Root() sms: Pick<SmsMessage, 'sendResult'>): PlatformCode | null {
    return platformCode(SMS_SEND_RESULTS, sms.sendResult);
  }
}
