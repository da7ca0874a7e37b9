import type { AppConfig } from '../config';
import type { PlatformApps } from '../platform';
import type { Logger } from '../shared/logger';
import type { Db } from '../store/db';
import type { BindingRepository } from './binding.repository';
import type { IdempotencyStore } from './idempotency';

/** What the binding services need; built once by the composition root. */
export interface BindingDeps {
  db: Db;
  /** Per operation, calls carry the operation's abort signal (server/context.ts). */
  platform: PlatformApps;
  apps: readonly AppConfig[];
  repo: BindingRepository;
  idempotency: IdempotencyStore;
  logger: Logger;
  now: () => Date;
}
