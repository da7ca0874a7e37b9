import { type NumberStatus, numberStatusOfWire } from '../numbers/number-status';
import { NUMBER_STATUS_CAUSES } from '../platform/push-codes';
import type { WireNumStatusCause } from '../platform/push-wire';
import { arrayAt, fail, objectAt, optionalText, pathOf, requiredPhone, withoutUndefined } from './fields';
import { ownField, type JsonObject, type JsonValue } from './json';
import type { NumberStatusChange } from './push';

/**
 * A number status body (§5.2): `numInfo` must hold at least one record (more than the documented 100 is
 * accepted, as for CDRs); each needs a `number` and a `status` of "5", "9", "10" or "11" (a JSON number
 * is tolerated). An unknown status is refused: guessing the impact of an unknown state on calls is worse
 * than a visible error. An unknown `cause` is kept without text. Throws FieldError.
 */
export function parseNumberStatus(body: JsonObject): NumberStatusChange[] {
  const list = arrayAt({ obj: body, path: '' }, 'numInfo', 1);
  return list.map((item, index) => parseNumInfo(item, `numInfo[${index}]`));
}

function parseNumInfo(item: JsonValue, path: string): NumberStatusChange {
  const at = objectAt(item, path);
  const cause = optionalText(at, 'cause')?.trim();
  return withoutUndefined<NumberStatusChange>({
    number: requiredPhone(at, 'number'),
    status: readStatus(ownField(at.obj, 'status'), pathOf(path, 'status')),
    cause: cause ? cause : undefined,
    causeText: cause ? causeText(cause) : undefined,
    raw: at.obj,
  });
}

function readStatus(value: JsonValue | undefined, path: string): NumberStatus {
  const code = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : undefined;
  const status = code === undefined ? undefined : numberStatusOfWire(code);
  if (status !== undefined) return status;
  return fail(path, '"5" (normal), "9" (suspended), "10" (unavailable) or "11" (binding frozen)', value);
}

function causeText(cause: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(NUMBER_STATUS_CAUSES, cause)
    ? NUMBER_STATUS_CAUSES[cause as WireNumStatusCause]
    : undefined;
}
