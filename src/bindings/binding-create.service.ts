import type { Db } from '../store/db';
import type { BindingDeps } from './binding.deps';
import type { BindingRecord } from './binding.record';
import type { NewBinding } from './binding.repository';

/**
 * What every create takes, whatever the mode: the service side of `CreateBindingInputBase`
 * (binding.inputs.ts). Each mode's create input extends it with the fields of that mode.
 */
export interface CreateBindingFields {
  partyA: string;
  cityCode?: string | null;
  strictCityMatch?: boolean | null;
  recordCalls?: boolean | null;
  userData?: string | null;
  idempotencyKey?: string | null;
  app?: string | null;
}

/** What the platform's `areaMatchMode` says for a city-code pick: "0" strict (default), "1" not; absent without a city code. */
export function areaMatchMode(cityCode: string | null | undefined, strict: boolean | null | undefined): '0' | '1' | undefined {
  return cityCode ? (strict === false ? '1' : '0') : undefined;
}

/** A new ACTIVE mirror row: what every mode has, with defaults for what a mode does not use. */
export function newBinding(fields: Pick<NewBinding, 'id' | 'app' | 'mode' | 'privacyNumber' | 'partyA' | 'createdAt'> & Partial<NewBinding>): NewBinding {
  return {
    partyB: null,
    numberY: null,
    extension: null,
    callbackNumber: null,
    callDirection: 'BOTH',
    recordCalls: false,
    maxCallMinutes: null,
    smsEnabled: false,
    userData: null,
    temporaryCallee: null,
    temporaryCalleeExpiresAt: null,
    status: 'ACTIVE',
    expiresAt: null,
    ...fields,
  };
}

/** Seconds from now, or null for 0 / absent (no expiry). */
export function expiryFrom(now: Date, seconds: number | null | undefined): Date | null {
  return seconds ? new Date(now.getTime() + seconds * 1000) : null;
}

/**
 * Idempotency keys of binding creates share one namespace: the key identifies the client's intent, so the
 * same key sent to another create mutation or another app is "a different input" (CONFLICT), not a second
 * binding.
 */
export const CREATE_BINDING_SCOPE = 'create-binding';

/**
 * Writes a binding the platform has just created to the mirror. With an idempotency key the platform is
 * called at most once per key (see IdempotencyStore) and the key is marked done in the mirror's transaction.
 * If the mirror cannot be written after the platform said yes, the platform binding is removed again
 * (`undo`), so the two never disagree silently. `operation` (mutation and app) is part of the input a key
 * is compared with.
 */
export async function createBinding(
  deps: BindingDeps,
  operation: string,
  idempotencyKey: string | null | undefined,
  input: unknown,
  callPlatform: () => Promise<NewBinding>,
  undo: (b: NewBinding) => Promise<void>,
  /** After a create whose answer was lost: the binding the platform made for this input, or null. */
  findOnPlatform: () => Promise<NewBinding | null> = async () => null,
): Promise<BindingRecord> {
  const persist = async (markDone?: (tx: Pick<Db, 'query'>, id: string) => Promise<void>): Promise<BindingRecord> => {
    const created = await callPlatform();
    try {
      return await deps.db.transaction(async (tx) => {
        const record = await deps.repo.insert(tx, created);
        if (markDone) await markDone(tx, record.id);
        return record;
      });
    } catch (err) {
      deps.logger.error({ err, bindingId: created.id }, 'mirror write failed after the platform created a binding; removing it again');
      await undo(created).catch((undoErr: unknown) => deps.logger.error({ err: undoErr, bindingId: created.id }, 'could not remove the binding again'));
      throw err;
    }
  };
  if (!idempotencyKey) return persist();
  const settle = async (markDone: (tx: Pick<Db, 'query'>, id: string) => Promise<void>): Promise<string | null> => {
    const found = await findOnPlatform();
    if (!found) return null;
    deps.logger.info({ bindingId: found.id, operation }, 'a create whose answer was lost had bound: mirrored, not bound again');
    return deps.db.transaction(async (tx) => {
      const record = (await deps.repo.get(tx, found.id)) ?? (await deps.repo.insert(tx, found));
      await markDone(tx, record.id);
      return record.id;
    });
  };
  const { id } = await deps.idempotency.run(CREATE_BINDING_SCOPE, idempotencyKey, { operation, input }, async (markDone) => (await persist(markDone)).id, settle);
  const record = await deps.repo.get(deps.db, id);
  if (!record) throw new Error(`binding ${id} of idempotency key is missing from the mirror`);
  return record;
}
