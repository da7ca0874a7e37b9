import { URI, type AxBindingInfo } from '../../platform/wire';
import { toPlatformTime } from '../../shared/time';
import { newSubscriptionId } from '../binding-map';
import type { ApiRoute, HandlerContext } from '../http/handler';
import type { Params } from '../http/params';
import { ok, type Reply } from '../http/reply';
import { fail, failInvalid, RESULT } from '../result';
import type { AxBinding } from './ax.store';
import { temporaryCallee } from './ax-temporary-callee';
import { definedOnly, flagString, MAX_DURATION_MINUTES, SUBSCRIPTION_ID_MAX, USER_DATA_MAX } from './fields';

/** AX mode (rest-api.md §6): bind, modify, unbind, query, and the temporary callee. */
export const axRoutes: readonly ApiRoute[] = [
  { method: 'POST', uri: URI.ax, modes: ['AX'], handler: bind },
  { method: 'PUT', uri: URI.ax, modes: ['AX'], handler: modify },
  { method: 'DELETE', uri: URI.ax, modes: ['AX'], handler: unbind },
  { method: 'GET', uri: URI.ax, modes: ['AX'], handler: query },
  { method: 'PUT', uri: URI.axTemporaryCallee, modes: ['AX'], handler: temporaryCallee },
];

function bind(ctx: HandlerContext): Reply {
  const p = ctx.params;
  const origNum = p.phone('origNum');
  const explicit = p.optPhone('privateNum');
  const areaCode = p.optAreaCode();
  const privateNumType = p.optEnum('privateNumType', ['mobile-virtual'] as const);
  if (areaCode !== undefined && explicit === undefined && privateNumType === undefined) {
    failInvalid('privateNumType', 'privateNumType is required with areaCode.');
  }
  const strict = p.strictArea();
  const settings = { ...readModifiable(p), ...readBindOnly(p) };
  const store = ctx.app.ax;
  if (store.byOrigNum(origNum).length >= ctx.config.limits.numbersPerUser) fail(RESULT.insufficientNumbers);
  const x = ctx.app.pool.allocate(
    { explicit, areaCode, strict },
    (n) => store.byPrivateNum(n.number) === undefined,
    (n) => {
      if (store.byPrivateNum(n.number) !== undefined) fail(RESULT.recordExists);
    },
  );
  const binding: AxBinding = {
    subscriptionId: newSubscriptionId(),
    origNum,
    privateNum: x.number,
    recordFlag: false,
    maxDuration: 0,
    subscribeTimeMs: ctx.clock.now(),
    ...definedOnly(settings),
  };
  store.add(binding);
  return ok({ origNum, privateNum: binding.privateNum, subscriptionId: binding.subscriptionId });
}

/** By subscriptionId, or by privateNum (and origNum, when sent, must match). */
function modify(ctx: HandlerContext): Reply {
  const p = ctx.params;
  const binding = p.has('subscriptionId') ? ctx.app.ax.get(p.text('subscriptionId', SUBSCRIPTION_ID_MAX)) : byNumbers(ctx);
  if (!binding) fail(RESULT.bindingNotExist);
  Object.assign(binding, definedOnly(readModifiable(p)), { subscribeTimeMs: ctx.clock.now() });
  return ok();
}

/**
 * By subscriptionId, else by privateNum alone: the platform does not read `origNum` on unbind ("系统不会解析该
 * 参数,可不携带", rest-api.md §6.2), so a missing or mismatching one is no error.
 */
function unbind(ctx: HandlerContext): Reply {
  const p = ctx.params;
  const binding = p.has('subscriptionId') ? ctx.app.ax.get(p.text('subscriptionId', SUBSCRIPTION_ID_MAX)) : byPrivateNum(ctx);
  if (!binding) fail(RESULT.axBindingNotExist);
  ctx.app.ax.remove(binding.subscriptionId);
  return ok();
}

/** Precedence subscriptionId > origNum > privateNum. */
function query(ctx: HandlerContext): Reply {
  const p = ctx.params;
  const store = ctx.app.ax;
  let found: AxBinding[];
  if (p.has('subscriptionId')) found = [store.get(p.text('subscriptionId', SUBSCRIPTION_ID_MAX))].filter(isBinding);
  else if (p.has('origNum')) found = store.byOrigNum(p.phone('origNum'));
  else if (p.has('privateNum')) found = [store.byPrivateNum(p.phone('privateNum'))].filter(isBinding);
  else return failInvalid('subscriptionId', 'subscriptionId, origNum or privateNum is required.');
  if (found.length === 0) fail(RESULT.recordNotExist);
  return ok({ privateNumList: found.map(toInfo) });
}

/** The binding on `privateNum` (required without subscriptionId), which must be one of this app's numbers. */
function byPrivateNum(ctx: HandlerContext): AxBinding | undefined {
  const privateNum = ctx.params.optPhone('privateNum') ?? failInvalid('subscriptionId', 'subscriptionId or privateNum is required.');
  if (!ctx.app.pool.get(privateNum)) fail(RESULT.numberNotApplied);
  return ctx.app.ax.byPrivateNum(privateNum);
}

/** The binding on `privateNum`; `origNum` must match when sent. */
function byNumbers(ctx: HandlerContext): AxBinding | undefined {
  const binding = byPrivateNum(ctx);
  const origNum = ctx.params.optPhone('origNum');
  return binding && (origNum === undefined || binding.origNum === origNum) ? binding : undefined;
}

function isBinding(b: AxBinding | undefined): b is AxBinding {
  return b !== undefined;
}

/** Fields a modify may change (FAQ: maxDuration, privateSms, recordFlag; also the two tones). */
function readModifiable(p: Params): Partial<AxBinding> {
  return {
    maxDuration: p.optInt('maxDuration', 0, MAX_DURATION_MINUTES),
    privateSms: flagString(p.optFlag('privateSms')),
    recordFlag: p.optFlag('recordFlag'),
    lastMinVoice: p.optVoiceFile('lastMinVoice'),
    recordHintTone: p.optVoiceFile('recordHintTone'),
  };
}

function readBindOnly(p: Params): Partial<AxBinding> {
  return {
    calleeNumDisplay: p.optEnum('calleeNumDisplay', ['0', '1'] as const),
    preVoice: p.optPlayInfo('preVoice'),
    turnFlag: p.optEnum('turnFlag', ['on', 'off'] as const),
    callDirection: p.optCallDirection(),
    userData: p.optText('userData', USER_DATA_MAX),
  };
}

/** Every stored field, as the query answers it (the temporary callee is not part of a binding's data). */
function toInfo(b: AxBinding): AxBindingInfo {
  const { temporaryCallee: _callee, subscribeTimeMs, expiresAtMs: _never, recordFlag, ...fields } = b;
  return {
    ...definedOnly(fields),
    subscriptionId: b.subscriptionId,
    origNum: b.origNum,
    privateNum: b.privateNum,
    recordFlag: flagString(recordFlag),
    subscribeTime: toPlatformTime(new Date(subscribeTimeMs)),
  };
}
