import type { AxeBindingInfo } from '../../platform/wire';
import { toPlatformTime } from '../../shared/time';
import type { HandlerContext } from '../http/handler';
import { ok, type Reply } from '../http/reply';
import { fail, failInvalid, RESULT } from '../result';
import { findAxeBinding } from './axe.lookup';
import { compareKeys, type AxeBinding, type CursorKey } from './axe.store';
import { definedOnly, flagString } from './fields';

const CURSOR = /^(\d{13})_(\d{1,20})$/;
export const FIRST_CURSOR = '0000000000000_0';
const LIMIT_DEFAULT = 50;
const LIMIT_MAX = 100;

/** AXE-4 v1.0: one binding by subscriptionId, or virtualNum + extendNum; fields flat in the envelope. */
export function queryV1(ctx: HandlerContext): Reply {
  const binding = findAxeBinding(ctx, RESULT.recordNotExist) ?? fail(RESULT.recordNotExist);
  return ok({ ...toInfo(binding) });
}

/**
 * AXE-5 v2.0: one binding (subscriptionId, or virtualNum + extendNum), or every binding on virtualNum in
 * creation order, `limit` per page (1–100, default 50) after `cursor`. `nextCursor` is the key of the
 * last item returned, and absent on the last page. Keys only grow, so bindings made while paging show up
 * at the end and none is skipped or repeated.
 */
export function queryV2(ctx: HandlerContext): Reply {
  const p = ctx.params;
  if (p.has('subscriptionId') || p.has('extendNum')) {
    const binding = findAxeBinding(ctx, RESULT.recordNotExist) ?? fail(RESULT.recordNotExist);
    return ok({ bindList: [toInfo(binding)] });
  }
  const virtualNum = p.optPhone('virtualNum') ?? failInvalid('virtualNum', 'subscriptionId or virtualNum is required.');
  const after = parseCursor(p.optText('cursor', 34) ?? FIRST_CURSOR);
  const limit = p.optInt('limit', 1, LIMIT_MAX) ?? LIMIT_DEFAULT;
  const all = ctx.app.axe.onNumber(virtualNum);
  if (all.length === 0) fail(RESULT.recordNotExist);
  const rest = all.filter((b) => compareKeys(b.key, after) > 0);
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return ok({ bindList: page.map(toInfo), ...(rest.length > limit && last ? { nextCursor: formatCursor(last.key) } : {}) });
}

function parseCursor(value: string): CursorKey {
  const m = CURSOR.exec(value) ?? failInvalid('cursor');
  return { ms: Number(m[1]), seq: Number(m[2]) };
}

export function formatCursor(key: CursorKey): string {
  return `${String(key.ms).padStart(13, '0')}_${key.seq}`;
}

/** Every stored field as the query answers it; flags as "true"/"false". */
export function toInfo(b: AxeBinding): AxeBindingInfo {
  const { displayNumMode, recordHintTone, callbackTone, callbackNum, timeUnit, bindExpiredTime, callbackExpiredTime, userData } = b;
  return {
    subscriptionId: b.subscriptionId,
    virtualNum: b.virtualNum,
    extendNum: b.extendNum,
    bindNum: b.bindNum,
    ...definedOnly({ displayNumMode, recordHintTone, callbackTone, callbackNum, timeUnit, bindExpiredTime, callbackExpiredTime, userData }),
    recordFlag: flagString(b.recordFlag),
    subscribeTime: toPlatformTime(new Date(b.subscribeTimeMs)),
  };
}
