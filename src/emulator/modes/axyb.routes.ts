import { URI, type AxybRelationInfo } from '../../platform/wire';
import { toPlatformTime } from '../../shared/time';
import { expiryOf, newSubscriptionId } from '../binding-map';
import type { ApiRoute, Handler, HandlerContext } from '../http/handler';
import { ok, type Reply } from '../http/reply';
import { fail, failInvalid, RESULT } from '../result';
import type { AxybRelation, YbRelation } from './axyb.store';
import { bindYb } from './axyb-yb';
import { definedOnly, flagString, optLifetime, SUBSCRIPTION_ID_MAX, USER_DATA_MAX } from './fields';

/** AXYB mode (rest-api.md §8): two-step bind, unbind (whole or YB only), query. `app_key` rides in the URL. */
export const axybRoutes: readonly ApiRoute[] = [
  { method: 'POST', uri: URI.axyb, modes: ['AXYB'], handler: withAppKey(bind) },
  { method: 'DELETE', uri: URI.axyb, modes: ['AXYB'], handler: withAppKey(unbind) },
  { method: 'GET', uri: URI.axyb, modes: ['AXYB'], handler: withAppKey(query) },
];

const AX_DURATION_DEFAULT = 7200;

/** `app_key` is required in the URL and must be the authenticated app's key (else 1010003). */
function withAppKey(handler: Handler): Handler {
  return (ctx) => {
    const appKey = ctx.query.optText('app_key', 128) ?? ctx.params.text('app_key', 128);
    if (appKey !== ctx.app.appKey) fail(RESULT.invalidAppKey);
    return handler(ctx);
  };
}

/** Step 1 binds AX; step 2 (with the step-1 subscriptionId) attaches a YB half. */
function bind(ctx: HandlerContext): Reply {
  return ctx.params.has('subscriptionId') ? bindYb(ctx) : bindAx(ctx);
}

/** Step 1: A alone; the platform picks an X that is neither an X nor a Y of another relation. */
function bindAx(ctx: HandlerContext): Reply {
  const p = ctx.params;
  const numA = p.phone('origNum');
  const areaCode = p.optAreaCode();
  const strict = p.strictArea();
  const duration = optLifetime(p, 'duration') ?? AX_DURATION_DEFAULT;
  const ybDuration = optLifetime(p, 'ybDuration');
  const settings = {
    callDirection: p.optCallDirection() ?? 0,
    recordFlag: p.optFlag('recordFlag') ?? false,
    ...definedOnly({
      recordHintTone: p.optVoiceFile('recordHintTone'),
      preVoiceX: p.optVoiceFile('preVoiceX'),
      preVoiceY: p.optVoiceFile('preVoiceY'),
      userData: p.optText('userData', USER_DATA_MAX),
    }),
  };
  const store = ctx.app.axyb;
  if (store.byA(numA).length >= ctx.config.limits.numbersPerUser) fail(RESULT.insufficientNumbers);
  const x = ctx.app.pool.candidates(areaCode, strict).find((n) => !store.isInUse(n.number)) ?? fail(RESULT.insufficientNumbers);
  const now = ctx.clock.now();
  const relation: AxybRelation = {
    subscriptionId: newSubscriptionId(),
    numA,
    numX: x.number,
    duration,
    ...definedOnly({ ybDuration }),
    ...settings,
    subscribeTimeMs: now,
    expiresAtMs: expiryOf(ctx.clock, now, duration),
    yb: [],
  };
  store.add(relation);
  return ok({ subscriptionId: relation.subscriptionId, relationNumber: relation.numX });
}

/** subscriptionId alone removes the whole relation; with yNum (wins) or bNum only that YB half. */
function unbind(ctx: HandlerContext): Reply {
  const p = ctx.params;
  const relation = ctx.app.axyb.get(p.text('subscriptionId', SUBSCRIPTION_ID_MAX)) ?? fail(RESULT.bindingNotExist);
  const yNum = p.optPhone('yNum');
  const bNum = yNum === undefined ? p.optPhone('bNum') : undefined;
  if (yNum === undefined && bNum === undefined) {
    ctx.app.axyb.remove(relation.subscriptionId);
    return ok();
  }
  const keep = relation.yb.filter((yb) => (yNum !== undefined ? yb.numY !== yNum : yb.numB !== bNum));
  if (keep.length === relation.yb.length) fail(RESULT.bindingNotExist);
  relation.yb = keep;
  return ok();
}

/** subscriptionId wins over relationNum (the X); one item per YB half, or one for an AX alone. */
function query(ctx: HandlerContext): Reply {
  const p = ctx.params;
  let relation: AxybRelation | undefined;
  if (p.has('subscriptionId')) relation = ctx.app.axyb.get(p.text('subscriptionId', SUBSCRIPTION_ID_MAX));
  else relation = ctx.app.axyb.byX(p.optPhone('relationNum') ?? failInvalid('relationNum', 'subscriptionId or relationNum is required.'));
  if (!relation) fail(RESULT.recordNotExist);
  const items = relation.yb.length === 0 ? [toInfo(relation)] : relation.yb.map((yb) => toInfo(relation, yb));
  return ok({ xyRelationNumList: items });
}

function toInfo(r: AxybRelation, yb?: YbRelation): AxybRelationInfo {
  const { recordHintTone, preVoiceX, preVoiceY, userData } = r;
  return {
    bindId: r.subscriptionId,
    numA: r.numA,
    numX: r.numX,
    ...(yb ? { numY: yb.numY, numB: yb.numB } : {}),
    recordFlag: flagString(r.recordFlag),
    ...definedOnly({ recordHintTone }),
    subscribeTime: toPlatformTime(new Date(yb?.subscribeTimeMs ?? r.subscribeTimeMs)),
    callDirection: r.callDirection,
    duration: String(r.duration),
    ybDuration: String(yb?.ybDuration ?? r.ybDuration ?? 0),
    ...definedOnly({ preVoiceX, preVoiceY, userData }),
  };
}
