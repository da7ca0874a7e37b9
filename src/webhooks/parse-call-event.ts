import type { NotifyMode, WireCallEventType } from '../platform/push-wire';
import {
  eventTime,
  objectAt,
  oneOf,
  optionalId,
  optionalInteger,
  optionalPhone,
  optionalString,
  optionalText,
  pathOf,
  requiredId,
  withoutUndefined,
  type At,
} from './fields';
import { ownField, type JsonObject } from './json';
import type { CallEventPush } from './push';

const NOTIFY_MODES: Readonly<Record<NotifyMode, NotifyMode>> = { Notify: 'Notify', Block: 'Block' };

/**
 * A call event body (§2.2): `statusInfo` must be an object with a non-empty `sessionId`; every other field is
 * optional. `notifyMode` must be Notify or Block when present (it decides whether a control body is owed).
 * Throws FieldError.
 */
export function parseCallEvent(body: JsonObject, type: WireCallEventType, receivedAt: Date | undefined): CallEventPush {
  const info = objectAt(ownField(body, 'statusInfo'), 'statusInfo');
  const event: CallEventPush = {
    type,
    sessionId: requiredId(info, 'sessionId'),
    occurredAt: eventTime(info, 'timestamp', receivedAt),
    caller: optionalPhone(info, 'caller'),
    called: optionalPhone(info, 'called'),
    subscriptionId: optionalId(info, 'subscriptionId'),
    userData: optionalString(info, 'userData'),
    stateCode: optionalInteger(info, 'stateCode'),
    stateDesc: optionalString(info, 'stateDesc'),
    digitInfo: optionalText(info, 'digitInfo'),
    notifyMode: readNotifyMode(info),
    callRelDirection: optionalText(info, 'callRelDirection'),
    raw: body,
  };
  return withoutUndefined(event);
}

/** Absent, null or empty: not an X mode callin (or the mode is unknown [U]); otherwise Notify or Block. */
function readNotifyMode(info: At): NotifyMode | undefined {
  const value = ownField(info.obj, 'notifyMode');
  if (value === undefined || value === null || value === '') return undefined;
  return oneOf(value, pathOf(info.path, 'notifyMode'), NOTIFY_MODES);
}
