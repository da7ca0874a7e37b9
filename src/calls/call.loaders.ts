import DataLoader from 'dataloader';
import type { BindingRepository } from '../bindings/binding.repository';
import { ErrorCode, GatewayError } from '../errors';
import { createNestedPageLoader } from '../shared/nested-page.loader';
import type { Db } from '../store/db';
import type { CallDeps, CallLoaders } from './call.deps';
import type { CallEventRow } from './call.record';

/** How to build each per-request loader of the calls feature (the context builds each on first use, `server/context.ts`). */
export function callLoaderMakers(deps: CallDeps, db: Db, bindings: BindingRepository, cache = true): { [K in keyof CallLoaders]: () => CallLoaders[K] } {
  const options = { cache };
  return {
    bindingMirror: () =>
      new DataLoader(async (ids) => {
      const found = await bindings.getMany(db, ids);
      return ids.map((id) => found.get(id) ?? null);
    }, options),
    callEvents: () =>
      new DataLoader(async (sessionIds) => {
      const found = await deps.calls.eventsFor(db, sessionIds);
      return sessionIds.map((s): CallEventRow[] => found.get(s) ?? []);
    }, options),
    callsByBinding: () => createNestedPageLoader((ids, { first, after }, apps) => deps.calls.pagesByBinding(db, ids, apps, first, after), cache),
    callRecord: () =>
      new DataLoader(async (sessionIds) => {
      const found = await deps.calls.recordsFor(db, sessionIds);
      return sessionIds.map((s) => found.get(s) ?? null);
    }, options),
    recordingUrl: () =>
      new DataLoader(async (keys) =>
      Promise.all(
        keys.map(async (key) => {
          const [appName, fileName, recordDomain] = key.split('\n');
          const app = deps.apps.find((a) => a.name === appName);
          if (!app) return new GatewayError(ErrorCode.NotFound, `recording: app "${appName}" is not configured`);
          return deps.recordingUrls.get(app, fileName, recordDomain).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
        }),
      ),
      options,
    ),
  };
}
