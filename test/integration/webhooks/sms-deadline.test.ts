import { BindingRepository } from '../../../src/bindings/binding.repository';
import { loadConfig } from '../../../src/config';
import { EventLog } from '../../../src/events/event-log';
import { InMemoryPubSub } from '../../../src/events/pubsub';
import { PrivacyNumberRepository } from '../../../src/numbers/privacy-number.repository';
import { silentLogger } from '../../../src/shared/logger';
import type { SmsPolicyRecord } from '../../../src/sms/sms.record';
import { SmsRepository } from '../../../src/sms/sms.repository';
import type { Queryable } from '../../../src/store/db';
import { DeadLetterRepository } from '../../../src/dead-letters/dead-letter.repository';
import { NonceLedger } from '../../../src/webhooks/nonce-ledger';
import { migrate } from '../../../src/store/migrations';
import { PgliteDb } from '../../../src/store/pglite-db';
import { createWebhookHandler } from '../../../src/webhooks/handle-webhook';
import { fixture } from '../../helpers/push';

/** A policy store that answers only after `delayMs`: a database under load. */
class SlowSmsRepository extends SmsRepository {
  /** The reads still under way, so the test can let them finish before closing the store. */
  readonly reads: Promise<unknown>[] = [];
  constructor(private readonly delayMs: number) {
    super();
  }
  override getPolicy(db: Queryable, app: string): Promise<SmsPolicyRecord | null> {
    const read = new Promise((r) => setTimeout(r, this.delayMs)).then(() => super.getPolicy(db, app));
    this.reads.push(read.catch(() => undefined));
    return read;
  }
}

describe('SMS Block decisions under a deadline', () => {
  it('answers the configured default when the policy cannot be read in time, and still stores the push', async () => {
    const db = await PgliteDb.open(null);
    try {
      await migrate(db, silentLogger());
      const config = loadConfig({});
      const sms = new SlowSmsRepository(2500);
      await sms.setPolicy(db, { app: 'sandbox-ax', defaultDecision: 'DISCARD', rules: [] }, new Date());
      const handle = createWebhookHandler({
        config: { apps: config.apps, platform: config.platform, webhooks: { ...config.webhooks, smsBlockDeadlineMs: 200 } },
        db,
        log: new EventLog(),
        numbers: new PrivacyNumberRepository(),
        sms,
        bindings: new BindingRepository(),
        pubsub: new InMemoryPubSub(),
        logger: silentLogger(),
        now: () => new Date(),
        smsTimeoutDecision: 'DISCARD',
        apps: config.apps,
        deadLetters: new DeadLetterRepository(),
        nonceLedger: new NonceLedger({ keepMs: 600_000 }),
      });
      const started = Date.now();
      const res = await handle({ app: 'sandbox-ax', rawBody: Buffer.from(JSON.stringify(fixture('sms-ax-block'))), headers: {} });
      const elapsed = Date.now() - started;
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ actions: [{ operation: 'DiscardMessage' }] });
      // Well before the slow policy read (2.5 s) would have finished: the deadline (200 ms) decided.
      expect(elapsed).toBeLessThan(2000);
      const page = await sms.list(db, { privacyNumber: '+8617100000001' }, 10, null);
      expect(page.items.map((i) => [i.node.mode, i.node.decision])).toEqual([['BLOCK', 'DISCARD']]);
      await Promise.all(sms.reads);
    } finally {
      await db.close();
    }
  });
});
