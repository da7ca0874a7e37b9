import type { SeedPushUrls } from '../seed';
import { UnreachableCaseError } from '../../shared/unreachable';
import type { PushKind } from './push-log';

/**
 * The address of a push kind (push-api.md §1.1): the kind's own URL, else `default`. Number status falls
 * back to the call status address first, as the platform does. Undefined = this push is not sent.
 */
export function pushUrl(push: SeedPushUrls | undefined, kind: PushKind): string | undefined {
  if (!push) return undefined;
  switch (kind) {
    case 'callStatus':
    case 'fee':
    case 'smsNotify':
    case 'smsBlock':
      return push[kind] ?? push.default;
    case 'numStatus':
      return push.numStatus ?? push.callStatus ?? push.default;
    default:
      throw new UnreachableCaseError(kind);
  }
}
