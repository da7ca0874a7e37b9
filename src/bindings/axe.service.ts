import type { BindingRecord } from './binding.record';
import { type BindingDeps, createBinding, expiryFrom, areaMatchMode, newBinding } from './binding.deps';
import { checkDistinct, checkExpiresIn, checkExtension, checkIdempotencyKey, checkNumberChoice, checkUserData, resolveApp } from './binding.validation';

export interface CreateAxeInput {
  partyA: string;
  privacyNumber?: string | null;
  cityCode?: string | null;
  strictCityMatch?: boolean | null;
  extension?: string | null;
  callbackNumber?: string | null;
  expiresInSeconds?: number | null;
  recordCalls?: boolean | null;
  userData?: string | null;
  idempotencyKey?: string | null;
  app?: string | null;
}

/**
 * AXE-1 bind, then the mirror. The platform counts AXE lifetimes in hours or minutes (`timeUnit`); the
 * gateway sends minutes, rounding a lifetime in seconds up to the next whole minute.
 */
export async function createAxeBinding(deps: BindingDeps, input: CreateAxeInput): Promise<BindingRecord> {
  checkNumberChoice('input', input.privacyNumber, input.cityCode);
  checkExtension('input.extension', input.extension);
  checkExpiresIn('input.expiresInSeconds', input.expiresInSeconds);
  checkDistinct('input.callbackNumber', input.callbackNumber, 'input.partyA', input.partyA);
  checkUserData('input.userData', input.userData);
  checkIdempotencyKey('input.idempotencyKey', input.idempotencyKey);
  const app = resolveApp(deps.apps, 'AXE', input.app);
  const api = deps.platform.app(app).axe;
  const minutes = input.expiresInSeconds ? Math.ceil(input.expiresInSeconds / 60) : 0;
  return createBinding(
    deps,
    `createAXEBinding:${app.name}`,
    input.idempotencyKey,
    { ...input, app: app.name },
    async () => {
      const res = await api.bind({
        bindNum: input.partyA,
        virtualNum: input.privacyNumber ?? undefined,
        areaCode: input.cityCode ?? undefined,
        areaMatchMode: areaMatchMode(input.cityCode, input.strictCityMatch),
        extendNum: input.extension ?? undefined,
        displayNumMode: '0',
        recordFlag: input.recordCalls ? 'true' : 'false',
        callbackNum: input.callbackNumber ?? undefined,
        timeUnit: '1',
        bindExpiredTime: minutes,
        userData: input.userData ?? undefined,
      });
      const now = deps.now();
      return newBinding({
        id: res.subscriptionId,
        app: app.name,
        mode: 'AXE',
        privacyNumber: res.virtualNum,
        partyA: res.bindNum ?? input.partyA,
        extension: res.extendNum,
        callbackNumber: input.callbackNumber ?? null,
        recordCalls: input.recordCalls ?? false,
        userData: input.userData ?? null,
        createdAt: now,
        expiresAt: expiryFrom(now, minutes * 60),
      });
    },
    (b) => api.unbind({ subscriptionId: b.id }),
  );
}
