import DataLoader from 'dataloader';
import type { BindingRepository } from '../bindings/binding.repository';
import type { BindingRecord } from '../bindings/binding.record';
import { createNestedPageLoader, type NestedPageKey } from '../shared/nested-page.loader';
import type { Db } from '../store/db';
import type { Page } from '../store/paging';
import type { PrivacyNumberRepository } from './privacy-number.repository';

/** What the mirror says about the use of one privacy number. */
export interface NumberUsage {
  /** Active, unexpired bindings using the number as X (or as Y in AXYB). */
  activeBindings: number;
  /** AXE: digits of the extensions its app hands out, once a binding has shown them; else null. */
  extensionLength: number | null;
}

/**
 * Per-request loader of number usage from the mirror: two SQL queries for all numbers of a page, however
 * many numbers the page holds.
 */
export function createNumberUsageLoader(
  db: Db,
  bindings: BindingRepository,
  numbers: PrivacyNumberRepository,
  now: () => Date,
  cache = true,
): DataLoader<string, NumberUsage> {
  return new DataLoader<string, NumberUsage>(async (keys) => {
    const counts = await bindings.countActive(db, keys, now());
    const lengths = await numbers.extensionLengths(db, keys);
    return keys.map((n) => ({ activeBindings: counts.get(n) ?? 0, extensionLength: lengths.get(n) ?? null }));
  }, { cache });
}

/** Per-request loader of `PrivacyNumber.bindings`: the bindings of every number of a page in one query. */
export function createBindingsByNumberLoader(db: Db, bindings: BindingRepository, cache = true): DataLoader<NestedPageKey, Page<BindingRecord>, string> {
  return createNestedPageLoader((numbers, { first, after }) => bindings.pagesByNumber(db, numbers, first, after), cache);
}
