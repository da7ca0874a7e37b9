import DataLoader from 'dataloader';
import type { BindingDeps } from './binding.deps';
import type { BindingRecord } from './binding.record';
import { refreshBinding } from './binding.service';

/** A binding id, and the app to ask when the mirror does not know the id (see `refreshBinding`). */
export interface BindingKey {
  id: string;
  app?: string | null;
}

/**
 * Per-request loader of bindings from the platform (the source of truth): one platform GET per distinct key
 * however often it is asked for in one request, at most `maxInFlight` at a time (the platform has no batch
 * endpoint), and for an id the mirror does not know at most one GET (one app). Each key resolves to its
 * record, null, or its own Error.
 */
export function createBindingLoader(deps: BindingDeps, cache = true, maxInFlight = 8): DataLoader<BindingKey, BindingRecord | null, string> {
  return new DataLoader<BindingKey, BindingRecord | null, string>(
    async (keys) => {
      const results: (BindingRecord | null | Error)[] = new Array(keys.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < keys.length) {
          const i = next++;
          try {
            results[i] = await refreshBinding(deps, keys[i].id, keys[i].app);
          } catch (err) {
            results[i] = err instanceof Error ? err : new Error(String(err));
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(maxInFlight, keys.length) }, worker));
      return results;
    },
    { cache, cacheKeyFn: (key) => (key.app == null ? key.id : `${key.id}\n${key.app}`) },
  );
}
