import { URI, type AxbBindingInfo, type WireCallDirection } from '../../platform/wire';
import { toPlatformTime } from '../../shared/time';
import { expiryOf, newSubscriptionId } from '../binding-map';
import type { ApiRoute, HandlerContext } from '../http/handler';
import type { Params } from '../http/params';
import { ok, type Reply } from '../http/reply';
import { fail, failInvalid, RESULT } from '../result';
import type { AxbBinding, AxbStore } from './axb.store';
import { definedOnly, flagString, MAX_DURATION_MINUTES, MAX_LIFETIME_SECONDS, SUBSCRIPTION_ID_MAX, USER_DATA_MAX } from './fields';

/**
 * AXB mode (rest-api.md §5): bind, modify, unbind, query on one URI. The documented limit is on the numbers of
 * one X (none may be in two of its pairs); nothing says A and B must differ, so the emulator does not ask it.
 */
export const axbRoutes: readonly ApiRoute[] = [
  { method: 'POST', uri: URI.axb, modes: ['AXB'], handler: bind },
  { method: 'PUT', uri: URI.axb, modes: ['AXB'], handler: modify },
  { method: 'DELETE', uri: URI.axb, modes: ['AXB'], handler: unbind },
  { method: 'GET', uri: URI.axb, modes: ['AXB'], handler: query },
];

const PAGE_SIZE_DEFAULT = 50;

function bind(ctx: HandlerContext): Reply {
  const p = ctx.params;
  const callerNum = p.phone('callerNum');
  const calleeNum = p.phone('calleeNum');
  const explicit = p.optPhone('relationNum');
  const areaCode = p.optAreaCode();
  const strict = p.strictArea();
  const settings = readSettings(p);
  const store = ctx.app.axb;
  const free = (x: string): boolean => !store.partyOn(x, callerNum) && !store.partyOn(x, calleeNum);
  const room = (x: string): boolean => store.onNumber(x).length < ctx.config.limits.axbPairsPerNumber;
  const x = ctx.app.pool.allocate(
    { explicit, areaCode, strict },
    (n) => free(n.number) && room(n.number),
    (n) => {
      if (!free(n.number)) fail(RESULT.recordExists);
      if (!room(n.number)) fail(RESULT.insufficientNumbers);
    },
  );
  const now = ctx.clock.now();
  const binding: AxbBinding = {
    subscriptionId: newSubscriptionId(),
    relationNum: x.number,
    callerNum,
    calleeNum,
    callDirection: settings.callDirection ?? 0,
    duration: settings.duration ?? 0,
    recordFlag: settings.recordFlag ?? false,
    maxDuration: settings.maxDuration ?? 0,
    subscribeTimeMs: now,
    expiresAtMs: expiryOf(ctx.clock, now, settings.duration),
    ...optionalFields(settings),
  };
  store.add(binding);
  return ok({ relationNum: binding.relationNum, subscriptionId: binding.subscriptionId });
}

function modify(ctx: HandlerContext): Reply {
  const p = ctx.params;
  const binding = ctx.app.axb.get(p.text('subscriptionId', SUBSCRIPTION_ID_MAX)) ?? fail(RESULT.bindingNotExist);
  const callerNum = p.optPhone('callerNum') ?? binding.callerNum;
  const calleeNum = p.optPhone('calleeNum') ?? binding.calleeNum;
  const settings = readSettings(p);
  const taken = (n: string): boolean => ctx.app.axb.partyOn(binding.relationNum, n, binding.subscriptionId);
  if (taken(callerNum) || taken(calleeNum)) fail(RESULT.recordExists);
  const now = ctx.clock.now();
  Object.assign(binding, { callerNum, calleeNum, subscribeTimeMs: now }, definedOnly(settings));
  if (settings.duration !== undefined) binding.expiresAtMs = expiryOf(ctx.clock, now, settings.duration);
  return ok();
}

function unbind(ctx: HandlerContext): Reply {
  const p = ctx.params;
  const store = ctx.app.axb;
  if (p.has('subscriptionId')) {
    if (!store.remove(p.text('subscriptionId', SUBSCRIPTION_ID_MAX))) fail(RESULT.bindingNotExist);
    return ok();
  }
  const x = p.optPhone('relationNum') ?? failInvalid('subscriptionId', 'subscriptionId or relationNum is required.');
  if (!ctx.app.pool.get(x)) fail(RESULT.numberNotApplied);
  const onX = store.onNumber(x);
  if (onX.length === 0) fail(RESULT.bindingNotExist);
  for (const b of onX) store.remove(b.subscriptionId);
  return ok();
}

function query(ctx: HandlerContext): Reply {
  const p = ctx.params;
  if (p.has('subscriptionId')) {
    const b = ctx.app.axb.get(p.text('subscriptionId', SUBSCRIPTION_ID_MAX)) ?? fail(RESULT.recordNotExist);
    return ok({ totalCount: 1, relationNumList: [toInfo(b)] });
  }
  const x = p.optPhone('relationNum') ?? failInvalid('relationNum', 'subscriptionId or relationNum is required.');
  const matches = filterParties(ctx.app.axb, x, p.optPhone('callerNum'), p.optPhone('calleeNum'));
  if (matches.length === 0) fail(RESULT.recordNotExist);
  const single = p.has('callerNum') || p.has('calleeNum');
  const page = single ? matches : pageOf(matches, p);
  return ok({ totalCount: matches.length, relationNumList: page.map(toInfo) });
}

function filterParties(store: AxbStore, x: string, callerNum?: string, calleeNum?: string): AxbBinding[] {
  return store
    .onNumber(x)
    .filter((b) => (callerNum === undefined || b.callerNum === callerNum) && (calleeNum === undefined || b.calleeNum === calleeNum));
}

/** pageIndex 1-based (default 1); pageSize 10–100, 50 when absent or out of range (not an error). */
function pageOf<T>(items: T[], p: Params): T[] {
  const pageIndex = p.optInt('pageIndex', 1, 1_000_000) ?? 1;
  const pageSize = p.intOr('pageSize', 10, 100, PAGE_SIZE_DEFAULT);
  return items.slice((pageIndex - 1) * pageSize, pageIndex * pageSize);
}

interface AxbSettings {
  callDirection?: WireCallDirection;
  duration?: number;
  recordFlag?: boolean;
  recordHintTone?: string;
  maxDuration?: number;
  lastMinVoice?: string;
  privateSms?: 'true' | 'false';
  preVoice?: AxbBinding['preVoice'];
  userData?: string;
}

/** The settings bind and modify share; absent fields stay undefined. */
function readSettings(p: Params): AxbSettings {
  return {
    callDirection: p.optCallDirection(),
    duration: p.optInt('duration', 0, MAX_LIFETIME_SECONDS),
    recordFlag: p.optFlag('recordFlag'),
    recordHintTone: p.optVoiceFile('recordHintTone'),
    maxDuration: p.optInt('maxDuration', 0, MAX_DURATION_MINUTES),
    lastMinVoice: p.optVoiceFile('lastMinVoice'),
    privateSms: flagString(p.optFlag('privateSms')),
    preVoice: p.optPlayInfo('preVoice'),
    userData: p.optText('userData', USER_DATA_MAX),
  };
}

function optionalFields(s: AxbSettings): Partial<AxbBinding> {
  const { recordHintTone, lastMinVoice, privateSms, preVoice, userData } = s;
  return definedOnly({ recordHintTone, lastMinVoice, privateSms, preVoice, userData });
}

/** Every stored field, as the query answers it. */
function toInfo(b: AxbBinding): AxbBindingInfo {
  return {
    subscriptionId: b.subscriptionId,
    relationNum: b.relationNum,
    callerNum: b.callerNum,
    calleeNum: b.calleeNum,
    callDirection: b.callDirection,
    duration: b.duration,
    recordFlag: b.recordFlag,
    maxDuration: b.maxDuration,
    ...optionalFields(b),
    subscribeTime: toPlatformTime(new Date(b.subscribeTimeMs)),
  };
}
