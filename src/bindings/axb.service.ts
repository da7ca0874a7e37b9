import type { AxbBindRequest, AxbModifyRequest } from '../platform/wire';
import { UserInputError } from '../errors';
import type { BindingRecord } from './binding.record';
import { isPlatformNotFound, requireBinding } from './binding.service';
import type { BindingDeps } from './binding.deps';
import { type CreateBindingFields, createBinding, expiryFrom, areaMatchMode, newBinding } from './binding-create.service';
import { type CallDirection, toWireCallDirection } from './call-direction';
import { checkDistinct, checkExpiresIn, checkIdempotencyKey, checkMaxCallMinutes, checkNumberChoice, checkUserData, resolveApp } from './binding.validation';

export interface CreateAxbInput extends CreateBindingFields {
  partyB: string;
  privacyNumber?: string | null;
  callDirection?: CallDirection | null;
  expiresInSeconds?: number | null;
  maxCallMinutes?: number | null;
  smsEnabled?: boolean | null;
}

export interface UpdateAxbInput {
  partyA?: string | null;
  partyB?: string | null;
  callDirection?: CallDirection | null;
  expiresInSeconds?: number | null;
  recordCalls?: boolean | null;
  maxCallMinutes?: number | null;
  smsEnabled?: boolean | null;
}

/** AXB-1 bind, then the mirror. Not idempotent on the platform: the idempotency key makes it so. */
export async function createAxbBinding(deps: BindingDeps, input: CreateAxbInput): Promise<BindingRecord> {
  checkDistinct('input.partyB', input.partyB, 'input.partyA', input.partyA);
  checkNumberChoice('input', input.privacyNumber, input.cityCode);
  checkExpiresIn('input.expiresInSeconds', input.expiresInSeconds);
  checkMaxCallMinutes('input.maxCallMinutes', input.maxCallMinutes);
  checkUserData('input.userData', input.userData);
  checkIdempotencyKey('input.idempotencyKey', input.idempotencyKey);
  const app = resolveApp(deps.apps, 'AXB', input.app);
  const api = deps.platform.app(app).axb;
  const request: AxbBindRequest = {
    callerNum: input.partyA,
    calleeNum: input.partyB,
    relationNum: input.privacyNumber ?? undefined,
    areaCode: input.cityCode ?? undefined,
    areaMatchMode: areaMatchMode(input.cityCode, input.strictCityMatch),
    callDirection: toWireCallDirection(input.callDirection),
    duration: input.expiresInSeconds ?? 0,
    recordFlag: input.recordCalls ?? false,
    maxDuration: input.maxCallMinutes ?? 0,
    privateSms: input.smsEnabled === false ? 'false' : 'true',
    userData: input.userData ?? undefined,
  };
  return createBinding(
    deps,
    `createAXBBinding:${app.name}`,
    input.idempotencyKey,
    { ...input, app: app.name },
    async () => {
      const res = await api.bind(request);
      return toRecord(res.subscriptionId, res.relationNum ?? input.privacyNumber);
    },
    (b) => api.unbind({ subscriptionId: b.id }),
    async () => {
      // AXB-4 by X + A + B: the one binding of this pair on each X the platform may have chosen.
      const candidates = input.privacyNumber ? [input.privacyNumber] : app.numbers.map((n) => n.number);
      for (const relationNum of candidates) {
        const found = await api.query({ relationNum, callerNum: input.partyA, calleeNum: input.partyB }).catch((err: unknown) => {
          if (isPlatformNotFound(err)) return null;
          throw err;
        });
        const info = found?.relationNumList?.[0];
        if (info) return toRecord(info.subscriptionId, info.relationNum);
      }
      return null;
    },
  );

  /** The mirror row of the binding made for this input, whether its bind answer came back or it was found later. */
  function toRecord(id: string, privacyNumber: string) {
    const now = deps.now();
    return newBinding({
      id,
      app: app.name,
      mode: 'AXB',
      privacyNumber,
      partyA: input.partyA,
      partyB: input.partyB,
      callDirection: input.callDirection ?? 'BOTH',
      recordCalls: input.recordCalls ?? false,
      maxCallMinutes: input.maxCallMinutes || null,
      smsEnabled: input.smsEnabled ?? true,
      userData: input.userData ?? null,
      createdAt: now,
      expiresAt: expiryFrom(now, input.expiresInSeconds),
    });
  }
}

/**
 * AXB-3 modify. The input is checked before the binding is looked up, so bad input never costs a platform
 * call. A new lifetime restarts from now, as on the platform.
 */
export async function updateAxbBinding(deps: BindingDeps, id: string, input: UpdateAxbInput): Promise<BindingRecord> {
  if (Object.values(input).every((v) => v == null)) throw new UserInputError('input', 'give at least one field to change');
  checkExpiresIn('input.expiresInSeconds', input.expiresInSeconds);
  checkMaxCallMinutes('input.maxCallMinutes', input.maxCallMinutes);
  checkDistinct('input.partyB', input.partyB, 'input.partyA', input.partyA);
  const current = await requireBinding(deps, id, 'id');
  if (current.mode !== 'AXB') throw new UserInputError('id', `binding ${current.id} is an ${current.mode} binding, not AXB`);
  checkDistinct('input.partyB', input.partyB ?? current.partyB, 'input.partyA', input.partyA ?? current.partyA);
  const app = resolveApp(deps.apps, 'AXB', current.app, 'id');
  const request: AxbModifyRequest = {
    subscriptionId: current.id,
    callerNum: input.partyA ?? undefined,
    calleeNum: input.partyB ?? undefined,
    callDirection: input.callDirection != null ? toWireCallDirection(input.callDirection) : undefined,
    duration: input.expiresInSeconds ?? undefined,
    recordFlag: input.recordCalls ?? undefined,
    maxDuration: input.maxCallMinutes ?? undefined,
    privateSms: input.smsEnabled == null ? undefined : input.smsEnabled ? 'true' : 'false',
  };
  await deps.platform.app(app).axb.modify(request);
  const now = deps.now();
  const updated = await deps.repo.update(
    deps.db,
    current.id,
    {
      partyA: input.partyA ?? undefined,
      partyB: input.partyB ?? undefined,
      callDirection: input.callDirection ?? undefined,
      recordCalls: input.recordCalls ?? undefined,
      maxCallMinutes: input.maxCallMinutes == null ? undefined : input.maxCallMinutes || null,
      smsEnabled: input.smsEnabled ?? undefined,
      expiresAt: input.expiresInSeconds == null ? undefined : expiryFrom(now, input.expiresInSeconds),
    },
    now,
  );
  return updated ?? current;
}
