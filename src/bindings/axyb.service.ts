import { ErrorCode, GatewayError, UserInputError } from '../errors';
import type { BindingRecord } from './binding.record';
import { isPlatformNotFound, requireBinding } from './binding.service';
import type { BindingDeps } from './binding.deps';
import { type CreateBindingFields, createBinding, expiryFrom, areaMatchMode, newBinding } from './binding-create.service';
import { type CallDirection, toWireCallDirection } from './call-direction';
import { checkAxybDuration, checkCityCode, checkDistinct, checkIdempotencyKey, checkUserData, resolveApp } from './binding.validation';

export interface CreateAxybInput extends CreateBindingFields {
  partyB?: string | null;
  callDirection?: CallDirection | null;
  expiresInSeconds?: number | null;
}

/**
 * AXYB-1 in one or two steps: bind AX (X for A), then, when partyB is given, bind YB (Y for B) on the same
 * subscription. If the second step fails the first is unbound again, so no half binding is left behind.
 * The AX lifetime is sent explicitly (0 = none) because the platform's default is 7200 s.
 */
export async function createAxybBinding(deps: BindingDeps, input: CreateAxybInput): Promise<BindingRecord> {
  checkDistinct('input.partyB', input.partyB, 'input.partyA', input.partyA);
  checkCityCode('input.cityCode', input.cityCode);
  checkAxybDuration('input.expiresInSeconds', input.expiresInSeconds);
  checkUserData('input.userData', input.userData);
  checkIdempotencyKey('input.idempotencyKey', input.idempotencyKey);
  const app = resolveApp(deps.apps, 'AXYB', input.app);
  const api = deps.platform.app(app).axyb;
  return createBinding(
    deps,
    `createAXYBBinding:${app.name}`,
    input.idempotencyKey,
    { ...input, app: app.name },
    async () => {
      const ax = await api.bindAX({
        origNum: input.partyA,
        areaCode: input.cityCode ?? undefined,
        areaMatchMode: areaMatchMode(input.cityCode, input.strictCityMatch),
        callDirection: toWireCallDirection(input.callDirection),
        duration: input.expiresInSeconds ?? 0,
        recordFlag: input.recordCalls ?? false,
        userData: input.userData ?? undefined,
      });
      return toRecord(ax.subscriptionId, ax.relationNumber, await bindYB(ax.subscriptionId));
    },
    (b) => api.unbind({ subscriptionId: b.id }),
    async () => {
      // AXYB-4 by X on each number the platform may have chosen: A's AX half the mirror does not know. If the
      // lost request got no further than AX, its YB step runs now, as the create would have.
      for (const relationNum of app.numbers.map((n) => n.number)) {
        const found = await api.query({ relationNum }).catch((err: unknown) => {
          if (isPlatformNotFound(err)) return null;
          throw err;
        });
        for (const info of found?.xyRelationNumList ?? []) {
          if (info.numA !== input.partyA || (await deps.repo.get(deps.db, info.bindId))) continue;
          const numberY = input.partyB && info.numB === input.partyB && info.numY ? info.numY : await bindYB(info.bindId);
          return toRecord(info.bindId, info.numX, numberY);
        }
      }
      return null;
    },
  );

  /** The YB step when partyB is given (its Y), else null; a YB refusal unbinds the AX half again. */
  async function bindYB(subscriptionId: string): Promise<string | null> {
    if (!input.partyB) return null;
    try {
      return (await api.bindYB({ subscriptionId, origNum: input.partyB })).relationNumber;
    } catch (err) {
      await api.unbind({ subscriptionId }).catch((undoErr: unknown) =>
        deps.logger.error({ err: undoErr, bindingId: subscriptionId }, 'could not remove the AX half after the YB step failed'),
      );
      throw err;
    }
  }

  /** The mirror row of the binding made for this input, whether its bind answer came back or it was found later. */
  function toRecord(id: string, privacyNumber: string, numberY: string | null) {
    const now = deps.now();
    return newBinding({
      id,
      app: app.name,
      mode: 'AXYB',
      privacyNumber,
      partyA: input.partyA,
      partyB: input.partyB ?? null,
      numberY,
      callDirection: input.callDirection ?? 'BOTH',
      recordCalls: input.recordCalls ?? false,
      userData: input.userData ?? null,
      createdAt: now,
      expiresAt: expiryFrom(now, input.expiresInSeconds),
    });
  }
}

/** AXYB-1 step 2 on an existing AX binding: B gets a Y. Binding the same B again changes nothing. */
export async function bindAxybPartyB(deps: BindingDeps, id: string, partyB: string): Promise<BindingRecord> {
  const current = await requireBinding(deps, id, 'bindingId');
  if (current.mode !== 'AXYB') throw new UserInputError('bindingId', `binding ${current.id} is an ${current.mode} binding, not AXYB`);
  checkDistinct('partyB', partyB, "the binding's partyA", current.partyA);
  if (current.partyB === partyB) return current; // already bound: sending it again would be refused as a duplicate
  if (current.partyB) {
    throw new GatewayError(ErrorCode.Conflict, `bindingId: binding ${current.id} already has a party B; delete it and bind again`, { field: 'bindingId' });
  }
  const app = resolveApp(deps.apps, 'AXYB', current.app, 'bindingId');
  const res = await deps.platform.app(app).axyb.bindYB({ subscriptionId: current.id, origNum: partyB });
  const updated = await deps.repo.update(deps.db, current.id, { partyB, numberY: res.relationNumber }, deps.now(), 'noPartyB');
  if (updated) return updated;
  // Another request bound a B between our read and our write: the mirror keeps the first one.
  const now = await deps.repo.get(deps.db, current.id);
  if (now?.partyB === partyB) return now;
  deps.logger.warn({ bindingId: current.id }, 'bindAXYBPartyB raced another party B; the mirror kept the first');
  throw new GatewayError(ErrorCode.Conflict, `bindingId: binding ${current.id} already has a party B; delete it and bind again`, { field: 'bindingId' });
}
