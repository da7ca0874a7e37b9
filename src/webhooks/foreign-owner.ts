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
 * For each of `claims` (the parts of one push), why it names another configured app's binding, number or
 * key (a reason for a dead letter), or null when it does not. A push is stored under the app whose endpoint
 * (and secret) received it and never attached to another app's data: an unsigned push to a lax app must
 * not reach a strict one. Two queries at most, whatever the number of parts.
 */
export async function foreignOwners(deps: OwnerDeps, tx: Queryable, app: string, claims: readonly Claims[]): Promise<(string | null)[]> {
  const ids = [...new Set(claims.flatMap((c) => (c.subscriptionId === undefined ? [] : [c.subscriptionId])))];
  const numbers = [...new Set(claims.flatMap((c) => (c.number === undefined ? [] : [c.number])))];
  const bindings = ids.length ? await deps.bindings.getMany(tx, ids) : new Map();
  const owners = new Map((numbers.length ? await deps.numbers.getMany(tx, numbers) : []).map((n) => [n.number, n.app]));
  return claims.map((c) => {
    const keyOwner = c.appKey === undefined ? undefined : deps.apps.find((a) => a.appKey === c.appKey);
    if (keyOwner && keyOwner.name !== app) return `appKey belongs to app "${keyOwner.name}", not "${app}"`;
    const binding = c.subscriptionId === undefined ? undefined : bindings.get(c.subscriptionId);
    if (binding && binding.app !== app) return `subscriptionId is a binding of app "${binding.app}", not "${app}"`;
    const numberOwner = c.number === undefined ? undefined : owners.get(c.number);
    if (numberOwner !== undefined && numberOwner !== app) return `the X number belongs to app "${numberOwner}", not "${app}"`;
    return null;
  });
}

/** {@link foreignOwners} of a push with one part. */
export async function foreignOwner(deps: OwnerDeps, tx: Queryable, app: string, claims: Claims): Promise<string | null> {
  return (await foreignOwners(deps, tx, app, [claims]))[0];
}
