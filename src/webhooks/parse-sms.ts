import { eventTime, MAX_LONG_TEXT, objectAt, oneOf, optionalId, optionalInteger, optionalPhone, optionalString, pathOf, requiredId, requiredPhone, requiredString, withoutUndefined, type At } from './fields';
import { isJsonObject, ownField, type JsonObject, type JsonValue } from './json';
import type { NotifyMode, SmsExtPara } from '../platform/push-wire';
import type { SmsPush } from './push';

const NOTIFICATION_MODES: Readonly<Record<NotifyMode, NotifyMode>> = { Notify: 'Notify', Block: 'Block' };

/**
 * An SMS body (§4.2). Required: appKey, smsEvent.smsIdentifier, smsEvent.notificationMode (Notify or
 * Block, any case), and, though documented as required only [U], smsEvent.calling and
 * smsEvent.virtualNumber: an SMS without sender or X cannot be attributed. Throws FieldError.
 */
export function parseSms(body: JsonObject, receivedAt: Date | undefined): SmsPush {
  const top: At = { obj: body, path: '' };
  const sms = objectAt(ownField(body, 'smsEvent'), 'smsEvent');
  return withoutUndefined<SmsPush>({
    appKey: requiredId(top, 'appKey'),
    mode: oneOf(ownField(sms.obj, 'notificationMode'), pathOf(sms.path, 'notificationMode'), NOTIFICATION_MODES),
    smsIdentifier: requiredId(sms, 'smsIdentifier'),
    sender: requiredPhone(sms, 'calling'),
    receiver: optionalPhone(sms, 'called'),
    virtualNumber: requiredPhone(sms, 'virtualNumber'),
    occurredAt: eventTime(sms, 'timeStamp', receivedAt),
    event: readEvent(sms),
    subscriptionId: optionalId(sms, 'subscriptionId'),
    content: optionalString(sms, 'smsContent', MAX_LONG_TEXT),
    sendResult: optionalInteger(sms, 'sendResult'),
    userData: optionalString(sms, 'userData'),
    extParas: readExtParas(ownField(sms.obj, 'extInfo')),
    raw: body,
  });
}

/** `event` with all white space removed: one of Huawei's samples sends `"Text SMS "` for `TextSMS` [U]. */
function readEvent(sms: At): string | undefined {
  const value = optionalString(sms, 'event');
  const compact = value?.replace(/\s+/g, '');
  return compact ? compact : undefined;
}

/**
 * `extInfo.extParas` [U meanings]: tolerant throughout, since nothing depends on it. A single object is
 * read as a one-item list; items without a string key are skipped; number values become text.
 */
function readExtParas(extInfo: JsonValue | undefined): SmsExtPara[] {
  if (!isJsonObject(extInfo)) return [];
  const list = ownField(extInfo, 'extParas');
  const items = Array.isArray(list) ? list : list === undefined ? [] : [list];
  return items.flatMap((item) => {
    const param = toExtParam(item);
    return param ? [param] : [];
  });
}

function toExtParam(item: JsonValue): SmsExtPara | undefined {
  if (!isJsonObject(item)) return undefined;
  const key = ownField(item, 'key');
  const value = ownField(item, 'value');
  if (typeof key !== 'string' || key === '') return undefined;
  if (typeof value === 'string') return { key, value };
  if (typeof value === 'number' || typeof value === 'boolean') return { key, value: String(value) };
  return { key, value: '' };
}
