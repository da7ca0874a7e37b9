import { FieldResolver, Resolver, Root } from 'type-graphql';
import { NUMBER_STATUS_CAUSES } from '../platform/push-codes';
import { PlatformCode, platformCode } from '../shared/platform-code.type';
import { PrivacyNumber } from './privacy-number.type';
import type { PrivacyNumberView } from './privacy-number.view';

/** The number-status cause codes by number (push-api.md §5.2). */
const CAUSES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(NUMBER_STATUS_CAUSES).map(([code, text]) => [Number(code), text]));

/** The readable companion of statusCause (code and text in one string, kept as it is for clients that read it). */
@Resolver(() => PrivacyNumber)
export class PrivacyNumberCodesResolver {
  @FieldResolver(() => PlatformCode, {
    nullable: true,
    description: 'The cause of the last number-status push as code and documented meaning (statusCause holds both in one string); null when the push gave none or a cause that is not a number.',
  })
  cause(@Root() n: Pick<PrivacyNumberView, 'statusCauseCode'>): PlatformCode | null {
    const code = n.statusCauseCode;
    return code !== null && /^\d{1,9}$/.test(code) ? platformCode(CAUSES, Number(code)) : null;
  }
}
