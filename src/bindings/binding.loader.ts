import DataLoader from 'dataloader';
import type { BindingDeps } from './binding.deps';
import type { BindingRecord } from './binding.record';
import { refreshBinding } from './binding.service';

/**
 * Per-request loader of bindings from the platform (the source of truth): one platform GET per distinct id
 * however often the id is asked for in one request, at most `maxInFlight` at a time (the platform has no
 * batch endpoint). Each key resolves to its record, null, or its own Error.
 */
export function createBindingLoader(deps: BindingDeps, cache = true, maxInFlight = 8): DataLoader<string, BindingRecord | null> {
  return new DataLoader<string, BindingRecord | null>(async (ids) => {
    const results: (BindingRecord | null | Error)[] = new Array(ids.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const i = next++;
        try {
          results[i] = await refreshBinding(deps, ids[i]);
        } catch (err) {
          results[i] = err instanceof Error ? err : new Error(String(err));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(maxInFlight, ids.length) }, worker));
    return results;
  }, { cache });
}
