import DataLoader from 'dataloader';
import type { Page } from '../store/paging';
import type { PageWindow } from './connection';

/** One parent's page of a nested connection (e.g. the calls of one binding), in the caller's app scope. */
export interface NestedPageKey extends PageWindow {
  parent: string;
  /** The principal's app scope; absent = every app. */
  apps?: readonly string[];
}

/** Reads the same window for many parents at once (one query, `pagesOf`). */
export type NestedPagesReader<T> = (parents: readonly string[], window: PageWindow, apps: readonly string[] | undefined) => Promise<Map<string, Page<T>>>;

const groupOf = (k: NestedPageKey): string => JSON.stringify([k.first, k.after, k.apps ?? null]);

/**
 * Per-request loader of a nested connection: the pages asked for in one tick (one per parent of the page
 * above) are read together, one query per distinct window and scope (normally one), instead of one query
 * per parent.
 */
export function createNestedPageLoader<T>(read: NestedPagesReader<T>, cache = true): DataLoader<NestedPageKey, Page<T>, string> {
  return new DataLoader<NestedPageKey, Page<T>, string>(
    async (keys) => {
      const groups = new Map<string, NestedPageKey[]>();
      for (const k of keys) groups.set(groupOf(k), [...(groups.get(groupOf(k)) ?? []), k]);
      const pages = new Map<string, Page<T>>();
      await Promise.all(
        [...groups].map(async ([group, members]) => {
          const { first, after, apps } = members[0];
          const found = await read([...new Set(members.map((m) => m.parent))], { first, after }, apps);
          for (const [parent, page] of found) pages.set(`${group}\n${parent}`, page);
        }),
      );
      return keys.map((k) => pages.get(`${groupOf(k)}\n${k.parent}`) ?? new Error(`no page read for ${k.parent}`));
    },
    { cache, cacheKeyFn: (k) => `${groupOf(k)}\n${k.parent}` },
  );
}
