import { isPlatformNotFound } from './binding.service';
import type { BindingRecord } from './binding.record';
import type { BindingDeps } from './binding.deps';
import { type CreateBindingFields, createBinding, expiryFrom, areaMatchMode, newBinding } from './binding-create.service';
import { checkDistinct, checkExpiresIn, checkExtension, checkIdempotencyKey, checkNumberChoice, checkUserData, resolveApp } from './binding.validation';

export interface CreateAxeInput extends CreateBindingFields {
  privacyNumber?: string | null;
  extension?: string | null;
  callbackNumber?: string | null;
  expiresInSeconds?: number | null;
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
      return toRecord(res.subscriptionId, res.virtualNum, res.bindNum ?? input.partyA, res.extendNum);
    },
    (b) => api.unbind({ subscriptionId: b.id }),
    async () => {
      // AXE-4 v2, page by page on each X the platform may have chosen: A's binding (with the requested
      // extension, when one was asked for) that the mirror does not know. Bounded: a lookup never pages forever.
      const candidates = input.privacyNumber ? [input.privacyNumber] : app.numbers.map((n) => n.number);
      for (const virtualNum of candidates) {
        let cursor: string | undefined;
        for (let page = 0; page < LOOKUP_PAGES; page++) {
          const found = await api.queryV2({ virtualNum, cursor, limit: 100 }).catch((err: unknown) => {
            if (isPlatformNotFound(err)) return null;
            throw err;
          });
          for (const info of found?.bindList ?? []) {
            if (info.bindNum !== input.partyA || (input.extension && info.extendNum !== input.extension)) continue;
            if (await deps.repo.get(deps.db, info.subscriptionId)) continue;
            return toRecord(info.subscriptionId, info.virtualNum, info.bindNum, info.extendNum);
          }
          if (!found?.nextCursor) break;
          cursor = found.nextCursor;
        }
      }
      return null;
    },
  );

  /** The mirror row of the binding made for this input, whether its bind answer came back or it was found later. */
  function toRecord(id: string, privacyNumber: string, partyA: string, extension: string) {
    const now = deps.now();
    return newBinding({
      id,
      app: app.name,
      mode: 'AXE',
      privacyNumber,
      partyA,
      extension,
      callbackNumber: input.callbackNumber ?? null,
      recordCalls: input.recordCalls ?? false,
      userData: input.userData ?? null,
      createdAt: now,
      expiresAt: expiryFrom(now, minutes * 60),
    });
  }
}

/** Pages of 100 bindings read per X when looking for a binding whose create answer was lost. */
const LOOKUP_PAGES = 20;
