import { UserInputError } from '../errors';
import type { BindingRecord } from './binding.record';
import { isPlatformNotFound, requireBinding } from './binding.service';
import type { BindingDeps } from './binding.deps';
import { type CreateBindingFields, createBinding, areaMatchMode, newBinding } from './binding-create.service';
import { checkDistinct, checkIdempotencyKey, checkMaxCallMinutes, checkNumberChoice, checkUserData, resolveApp } from './binding.validation';

export interface CreateAxInput extends CreateBindingFields {
  privacyNumber?: string | null;
  maxCallMinutes?: number | null;
  smsEnabled?: boolean | null;
}

/** How long a temporary callee stays valid on the platform (rest-api.md §6.5). */
export const TEMPORARY_CALLEE_SECONDS = 60;

/** AX-1 bind (AX bindings never expire by themselves), then the mirror. */
export async function createAxBinding(deps: BindingDeps, input: CreateAxInput): Promise<BindingRecord> {
  checkNumberChoice('input', input.privacyNumber, input.cityCode);
  checkMaxCallMinutes('input.maxCallMinutes', input.maxCallMinutes);
  checkUserData('input.userData', input.userData);
  checkIdempotencyKey('input.idempotencyKey', input.idempotencyKey);
  const app = resolveApp(deps.apps, 'AX', input.app);
  const api = deps.platform.app(app).ax;
  return createBinding(
    deps,
    `createAXBinding:${app.name}`,
    input.idempotencyKey,
    { ...input, app: app.name },
    async () => {
      const res = await api.bind({
        origNum: input.partyA,
        privateNum: input.privacyNumber ?? undefined,
        areaCode: input.cityCode ?? undefined,
        privateNumType: input.cityCode ? 'mobile-virtual' : undefined,
        areaMatchMode: areaMatchMode(input.cityCode, input.strictCityMatch),
        recordFlag: input.recordCalls ? 'true' : 'false',
        privateSms: input.smsEnabled === false ? 'false' : 'true',
        maxDuration: input.maxCallMinutes ?? 0,
        calleeNumDisplay: '0',
        userData: input.userData ?? undefined,
      });
      return toRecord(res.subscriptionId, res.privateNum, res.origNum ?? input.partyA);
    },
    (b) => api.unbind({ subscriptionId: b.id }),
    async () => {
      // AX-4 by A: of A's bindings (at most a few), the one on the requested X that the mirror does not know.
      const found = await api.query({ origNum: input.partyA }).catch((err: unknown) => {
        if (isPlatformNotFound(err)) return null;
        throw err;
      });
      for (const info of found?.privateNumList ?? []) {
        if (input.privacyNumber && info.privateNum !== input.privacyNumber) continue;
        if (await deps.repo.get(deps.db, info.subscriptionId)) continue;
        return toRecord(info.subscriptionId, info.privateNum, info.origNum);
      }
      return null;
    },
  );

  /** The mirror row of the binding made for this input, whether its bind answer came back or it was found later. */
  function toRecord(id: string, privacyNumber: string, partyA: string) {
    return newBinding({
      id,
      app: app.name,
      mode: 'AX',
      privacyNumber,
      partyA,
      recordCalls: input.recordCalls ?? false,
      maxCallMinutes: input.maxCallMinutes || null,
      smsEnabled: input.smsEnabled ?? true,
      userData: input.userData ?? null,
      createdAt: deps.now(),
    });
  }
}

/** AX-5: the callee of A's next call through X, valid for about one minute. */
export async function setTemporaryCallee(deps: BindingDeps, id: string, callee: string): Promise<BindingRecord> {
  const current = await requireBinding(deps, id, 'bindingId');
  if (current.mode !== 'AX') throw new UserInputError('bindingId', `binding ${current.id} is an ${current.mode} binding, not AX`);
  checkDistinct('callee', callee, "the binding's partyA", current.partyA);
  const app = resolveApp(deps.apps, 'AX', current.app, 'bindingId');
  await deps.platform.app(app).ax.setTemporaryCallee({ origNum: current.partyA, privateNum: current.privacyNumber, calleeNum: callee });
  const now = deps.now();
  const updated = await deps.repo.update(
    deps.db,
    current.id,
    { temporaryCallee: callee, temporaryCalleeExpiresAt: new Date(now.getTime() + TEMPORARY_CALLEE_SECONDS * 1000) },
    now,
  );
  return updated ?? current;
}
