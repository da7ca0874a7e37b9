import type DataLoader from 'dataloader';
import type { PrincipalContext } from '../auth/principal';
import type { AppConfig } from '../config';
import type { EventLog } from '../events/event-log';
import type { PubSub } from '../events/pubsub';
import type { PlatformApps } from '../platform';
import type { Db } from '../store/db';
import type { BindingRecord } from '../bindings/binding.record';
import type { NestedPageKey } from '../shared/nested-page.loader';
import type { Page } from '../store/paging';
import type { CallEventRow, CallRecordRow, CallRow } from './call.record';
import type { CallRepository } from './call.repository';
import type { RecordingUrlCache } from './recording-url.cache';

/** What the calls feature needs; built once by the composition root. */
export interface CallDeps {
  db: Db;
  calls: CallRepository;
  log: EventLog;
  pubsub: PubSub;
  /** Per operation, calls carry the operation's abort signal (server/context.ts). */
  platform: PlatformApps;
  apps: readonly AppConfig[];
  recordingUrls: RecordingUrlCache;
  now: () => Date;
}

/** Per-request loaders of the calls feature. */
export interface CallLoaders {
  /** Mirror lookups for cross-feature `binding` fields (no platform call). */
  bindingMirror: DataLoader<string, BindingRecord | null>;
  callEvents: DataLoader<string, CallEventRow[]>;
  /** `Binding.calls`: the pages of every binding of a page in one query. */
  callsByBinding: DataLoader<NestedPageKey, Page<CallRow>, string>;
  callRecord: DataLoader<string, CallRecordRow | null>;
  /** `${fileName}\n${recordDomain}` → URL, batched per request and cached until the URL expires. */
  recordingUrl: DataLoader<string, { url: string; expiresAt: Date }>;
}

export interface CallsContext extends PrincipalContext {
  calls: CallDeps;
  loaders: CallLoaders;
}
