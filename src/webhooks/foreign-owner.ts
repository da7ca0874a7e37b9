import type { BindingRepository } from '../bindings/binding.repository';
import type { AppConfig } from '../config';
import type { PrivacyNumberRepository } from '../numbers/privacy-number.repository';
import type { Queryable } from '../store/db';

/** What a push body names that may belong to an app: its binding, its X number, its app key. */
export interface Claims {
  subscriptionId?: string;
  /** The X number (`bindNum`, `virtualNumber`, a number-status `number`). */
  number?: string;
  appKey?: string;
}

export interface OwnerDeps {
  apps: readonly AppConfig[];
  bindings: BindingRepository;
  numbers: PrivacyNumberRepository;
}

/**
 * Why a push received at `app`'s endpoint names another configured app's binding, number or key (a reason
 * for a dead letter), or null when it does not. A push is stored under the app whose endpoint (and secret)
 * received it and never attached to another app's data: an unsigned push to a lax app must not reach a strict one.
 */
export async function foreignOwner(deps: OwnerDeps, tx: Queryable, app: string, claims: Claims): Promise<string | null> {
  if (claims.appKey !== undefined) {
    const owner = deps.apps.find((a) => a.appKey === claims.appKey);
    if (owner && owner.name !== app) return `appKey belongs to app "${owner.name}", not "${app}"`;
  }
  if (claims.subscriptionId !== undefined) {
    const binding = await deps.bindings.get(tx, claims.subscriptionId);
    if (binding && binding.app !== app) return `subscriptionId is a binding of app "${binding.app}", not "${app}"`;
  }
  if (claims.number !== undefined) {
    const number = await deps.numbers.get(tx, claims.number);
    if (number && number.app !== app) return `the X number belongs to app "${number.app}", not "${app}"`;
  }
  return null;
}
