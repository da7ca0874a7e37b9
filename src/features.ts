import { BindingRepository } from './bindings/binding.repository';
import type { BindingDeps } from './bindings/binding.deps';
import { IdempotencyStore } from './bindings/idempotency';
import { CallRepository } from './calls/call.repository';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { RecordingUrlCache } from './calls/recording-url.cache';
import type { Config } from './config';
import type { Emulator } from './emulator/emulator';
import { EventLog } from './events/event-log';
import type { LogReader } from './events/log-reader';
import type { PubSub } from './events/pubsub';
import { PrivacyNumberRepository } from './numbers/privacy-number.repository';
import type { PlatformClient } from './platform';
import type { FeatureServices } from './server/context';
import type { WebhookHandler } from './server/http-server';
import type { GatewayMetrics } from './server/metrics';
import type { Logger } from './shared/logger';
import { SmsRepository } from './sms/sms.repository';
import type { SmsDeps } from './sms/sms.service';
import type { Db } from './store/db';
import { createWebhookHandler } from './webhooks/handle-webhook';
import { NonceLedger } from './webhooks/nonce-ledger';

export interface FeatureInputs {
  config: Config;
  db: Db;
  platform: PlatformClient;
  pubsub: PubSub;
  /** The process's one follower of the event log, which every subscription reads through. */
  reader: LogReader;
  logger: Logger;
  metrics: GatewayMetrics;
  /** The embedded emulator in sandbox mode, else null. */
  emulator: Emulator | null;
  now?: () => Date;
}

/**
 * Part of the composition root: the services of every feature and the webhook handler, over one store,
 * one platform client and one pub/sub. Also brings the number inventory up to date with the configuration.
 */
export async function createFeatures(inputs: FeatureInputs): Promise<{ features: FeatureServices; webhook: WebhookHandler }> {
  const { config, db, platform, pubsub, logger, emulator } = inputs;
  const now = inputs.now ?? (() => new Date());
  const apps = config.apps;
  const bindingRepo = new BindingRepository();
  const numberRepo = new PrivacyNumberRepository();
  const callRepo = new CallRepository();
  const smsRepo = new SmsRepository();
  const log = new EventLog();
  const deadLetterRepo = new DeadLetterRepository();

  for (const app of apps) await numberRepo.upsert(db, app.name, app.numbers.map((n) => ({ number: n.number, cityCode: n.cityCode ?? null })));

  const bindings: BindingDeps = {
    db,
    platform,
    apps,
    repo: bindingRepo,
    idempotency: new IdempotencyStore(db),
    logger: logger.child({ component: 'bindings' }),
    now,
  };
  const sms: SmsDeps = { db, sms: smsRepo, apps, now };
  const featureList: Omit<FeatureServices, 'deadLetters'> = {
    bindings,
    numbers: {
      db,
      repo: numberRepo,
      apps,
      now,
      onImport: emulator ? (app, numbers) => emulator.addNumbers(app, numbers.map((n) => ({ number: n.number, cityCode: n.cityCode ?? '' }))) : undefined,
    },
    calls: { db, calls: callRepo, log, pubsub, platform, apps, recordingUrls: new RecordingUrlCache(platform, now), now },
    sms,
    sandbox: emulator ? { emulator } : null,
    events: { db, log, reader: inputs.reader },
  };
  const pushStore = {
    db,
    log,
    calls: callRepo,
    numbers: numberRepo,
    sms: smsRepo,
    bindings: bindingRepo,
    apps,
    deadLetters: deadLetterRepo,
    now,
  };
  const features: FeatureServices = {
    ...featureList,
    deadLetters: new DeadLetterService({ ...pushStore, pubsub, logger: logger.child({ component: 'dead-letters' }) }),
  };
  const webhook = createWebhookHandler({
    ...pushStore,
    config,
    pubsub,
    logger: logger.child({ component: 'webhooks' }),
    smsTimeoutDecision: config.webhooks.smsTimeoutDecision,
    // In push_nonces on both drivers: survives a restart, and instances sharing a PostgreSQL see each other's.
    nonceLedger: new NonceLedger({ keepMs: config.webhooks.createdWindowSeconds * 2000 }),
    onDeadLetter: (app, kind) => inputs.metrics.deadLetter(app, kind),
  });
  return { features, webhook };
}
