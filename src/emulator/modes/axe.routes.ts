import { URI, type TimeUnit } from '../../platform/wire';
import { expiryOf, newSubscriptionId } from '../binding-map';
import type { ApiRoute, HandlerContext } from '../http/handler';
import type { Params } from '../http/params';
import { ok, type Reply } from '../http/reply';
import type { PoolNumber } from '../number-pool';
import { fail, failInvalid, RESULT } from '../result';
import type { AxeBinding } from './axe.store';
import { findAxeBinding } from './axe.lookup';
import { queryV1, queryV2 } from './axe.query';
import { freeExtension, isExtension } from './axe-extensions';
import { definedOnly, MAX_LIFETIME_SECONDS, USER_DATA_MAX } from './fields';

/** AXE mode (rest-api.md §7): bind, modify, unbind, query v1 and v2 (cursor paging). */
export const axeRoutes: readonly ApiRoute[] = [
  { method: 'POST', uri: URI.axe, modes: ['AXE'], handler: bind },
  { method: 'PUT', uri: URI.axe, modes: ['AXE'], handler: modify },
  { method: 'DELETE', uri: URI.axe, modes: ['AXE'], handler: unbind },
  { method: 'GET', uri: URI.axe, modes: ['AXE'], handler: queryV1 },
  { method: 'GET', uri: URI.axeV2, modes: ['AXE'], handler: queryV2 },
];

/** Seconds in one `timeUnit`: "0" hours (the default), "1" minutes. */
function unitSeconds(unit: TimeUnit): number {
  return unit === '1' ? 60 : 3600;
}

function bind(ctx: HandlerContext): Reply {
  const p = ctx.params;
  const bindNum = p.phone('bindNum');
  const explicit = p.optPhone('virtualNum');
  const areaCode = p.optAreaCode();
  const strict = p.strictArea();
  const length = ctx.app.extensionLength;
  const extendNum = p.optText('extendNum', 4);
  if (extendNum !== undefined && !isExtension(extendNum, length)) failInvalid('extendNum', `extendNum must have ${length} digits.`);
  const settings = readSettings(p);
  const unit = settings.timeUnit ?? '0';
  const x = allocate(ctx, { explicit, areaCode, strict }, bindNum, extendNum);
  const now = ctx.clock.now();
  const binding: AxeBinding = {
    subscriptionId: newSubscriptionId(),
    virtualNum: x.number,
    extendNum: extendNum ?? freeExtension(ctx.app.axe.onNumber(x.number), length) ?? fail(RESULT.noIdleExtension),
    bindNum,
    recordFlag: false,
    effectiveTimeUnit: unit,
    subscribeTimeMs: now,
    expiresAtMs: lifetimeEnd(ctx, now, settings.bindExpiredTime, unit),
    key: ctx.app.axe.nextKey(now),
    ...definedOnly(settings),
  };
  ctx.app.axe.add(binding);
  const { subscriptionId, virtualNum, extendNum: ext } = binding;
  return ok({ subscriptionId, virtualNum, extendNum: ext, bindNum });
}

/**
 * The X for a bind. Explicit: bindNum or the requested extension already on it → 1016002, no free
 * extension → 1020167. By area: the first candidate with room; 1020167 when every candidate is full.
 */
function allocate(ctx: HandlerContext, req: { explicit?: string; areaCode?: string; strict: boolean }, bindNum: string, extendNum?: string): PoolNumber {
  const store = ctx.app.axe;
  const length = ctx.app.extensionLength;
  const full = (x: string): boolean => freeExtension(store.onNumber(x), length) === undefined;
  const conflict = (x: string): boolean =>
    store.onNumber(x).some((b) => b.bindNum === bindNum || b.extendNum === extendNum);
  if (req.explicit !== undefined) {
    const x = ctx.app.pool.requireUsable(req.explicit);
    if (conflict(x.number)) fail(RESULT.recordExists);
    if (full(x.number)) fail(RESULT.noIdleExtension);
    return x;
  }
  const candidates = ctx.app.pool.candidates(req.areaCode, req.strict);
  if (candidates.length === 0) fail(RESULT.insufficientNumbers);
  const x = candidates.find((n) => !full(n.number) && !conflict(n.number));
  return x ?? fail(candidates.every((n) => full(n.number)) ? RESULT.noIdleExtension : RESULT.insufficientNumbers);
}

/** By subscriptionId, or virtualNum + extendNum. Lifetime restarts from the modify when bindExpiredTime is sent. */
function modify(ctx: HandlerContext): Reply {
  const binding = findAxeBinding(ctx) ?? fail(RESULT.bindingNotExist);
  const s = readSettings(ctx.params);
  const now = ctx.clock.now();
  if (s.callbackNum !== undefined) binding.callbackTone = undefined;
  if (s.callbackTone !== undefined) binding.callbackNum = undefined;
  const { recordFlag, recordHintTone, callbackTone, callbackNum, callbackExpiredTime } = s;
  Object.assign(binding, definedOnly({ recordFlag, recordHintTone, callbackTone, callbackNum, callbackExpiredTime }), { subscribeTimeMs: now });
  // Queries keep showing the bind-time timeUnit and bindExpiredTime when the bind sent them (rest-api.md §7.3).
  binding.timeUnit ??= s.timeUnit;
  binding.bindExpiredTime ??= s.bindExpiredTime;
  if (s.timeUnit !== undefined) binding.effectiveTimeUnit = s.timeUnit;
  if (s.bindExpiredTime !== undefined) binding.expiresAtMs = lifetimeEnd(ctx, now, s.bindExpiredTime, binding.effectiveTimeUnit);
  return ok();
}

function unbind(ctx: HandlerContext): Reply {
  const binding = findAxeBinding(ctx) ?? fail(RESULT.bindingNotExist);
  ctx.app.axe.remove(binding.subscriptionId);
  return ok();
}

function lifetimeEnd(ctx: HandlerContext, now: number, value: number | undefined, unit: TimeUnit): number | undefined {
  return expiryOf(ctx.clock, now, value === undefined ? undefined : value * unitSeconds(unit));
}

type AxeSettings = Partial<Pick<AxeBinding, 'displayNumMode' | 'recordFlag' | 'recordHintTone' | 'callbackTone' | 'callbackNum' | 'timeUnit' | 'bindExpiredTime' | 'callbackExpiredTime' | 'userData'>>;

function readSettings(p: Params): AxeSettings {
  const callbackTone = p.optVoiceFile('callbackTone');
  const callbackNum = p.optPhone('callbackNum');
  if (callbackTone !== undefined && callbackNum !== undefined) {
    failInvalid('callbackNum', 'callbackTone and callbackNum are mutually exclusive.');
  }
  const timeUnit = p.optEnum('timeUnit', ['0', '1'] as const);
  const maxUnits = MAX_LIFETIME_SECONDS / unitSeconds(timeUnit ?? '0');
  return {
    displayNumMode: p.optEnum('displayNumMode', ['0', '1'] as const),
    recordFlag: p.optFlag('recordFlag'),
    recordHintTone: p.optVoiceFile('recordHintTone'),
    callbackTone,
    callbackNum,
    timeUnit,
    bindExpiredTime: p.optInt('bindExpiredTime', 0, maxUnits),
    callbackExpiredTime: p.optInt('callbackExpiredTime', 0, maxUnits),
    userData: p.optText('userData', USER_DATA_MAX),
  };
}
