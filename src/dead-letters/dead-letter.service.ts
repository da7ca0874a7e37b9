import { ErrorCode, GatewayError, UserInputError } from '../errors';
import type { PubSub } from '../events/pubsub';
import type { Logger } from '../shared/logger';
import type { Page } from '../store/paging';
import { formatPushParseError, parsePush } from '../webhooks/parse-push';
import { isDeterministicStoreError, publish, storePushIn, type PushStoreDeps } from '../webhooks/store-push';
import type { DeadLetterRecord } from './dead-letter.record';

export interface DeadLetterDeps extends PushStoreDeps {
  pubsub: PubSub;
  logger: Logger;
}

export interface ReplayResult {
  record: DeadLetterRecord;
  stored: number;
  duplicates: number;
}

const notFound = (id: number) => new GatewayError(ErrorCode.NotFound, `No dead letter ${id}`, { field: 'id' });

/**
 * Dead letters for admins: list them, replay one with the current parser (after an upgrade that
 * understands it), or discard one. `apps` limits what the caller may see (null: every app).
 */
export class DeadLetterService {
  constructor(private readonly deps: DeadLetterDeps) {}

  list(apps: readonly string[] | null, first: number, after: string | null): Promise<Page<DeadLetterRecord>> {
    return this.deps.deadLetters.list(this.deps.db, apps, first, after);
  }

  /**
   * Parses the dead letter again and stores it under its app as if it had been pushed now, in one
   * transaction that also removes it: stored once, never twice (a second replay finds nothing). Still not
   * storable: BAD_USER_INPUT naming why, and the dead letter stays.
   */
  async replay(id: number, apps: readonly string[] | null): Promise<ReplayResult> {
    const { deps } = this;
    const result = await deps.db
      .transaction(async (tx) => {
        const record = await deps.deadLetters.lock(tx, id);
        if (!record || (apps !== null && !apps.includes(record.app))) throw notFound(id);
        const parsed = parsePush(record.rawBody, { receivedAt: record.receivedAt });
        if (!parsed.ok) throw new UserInputError('id', `still not a push: ${formatPushParseError(parsed.error)}`);
        // Removed first: were it still a dead letter, storing would find itself and call it a duplicate.
        await deps.deadLetters.delete(tx, id);
        const at = { app: record.app, headers: record.headers, rawBody: record.rawBody, receivedAt: deps.now() };
        const outcome = await storePushIn(deps, tx, at, parsed.push, null);
        if (outcome.deadLettered.length > 0) throw new UserInputError('id', `still a dead letter: ${outcome.deadLettered.map((d) => d.error).join('; ')}`);
        return { record, entries: outcome.stored.entries, duplicates: outcome.stored.duplicates };
      })
      .catch((err: unknown) => {
        if (isDeterministicStoreError(err)) throw new UserInputError('id', `the database still refuses it: ${(err as Error).message}`);
        throw err;
      });
    deps.logger.info({ id, app: result.record.app, kind: result.record.kind, stored: result.entries.length }, 'dead letter replayed');
    await publish(deps.pubsub, result.entries, deps.logger);
    return { record: result.record, stored: result.entries.length, duplicates: result.duplicates };
  }

  /** Removes a dead letter for good; NOT_FOUND when there is none (or it is another app's). */
  async discard(id: number, apps: readonly string[] | null): Promise<DeadLetterRecord> {
    const record = await this.deps.db.transaction(async (tx) => {
      const found = await this.deps.deadLetters.lock(tx, id);
      if (!found || (apps !== null && !apps.includes(found.app))) throw notFound(id);
      await this.deps.deadLetters.delete(tx, id);
      return found;
    });
    this.deps.logger.info({ id, app: record.app, kind: record.kind }, 'dead letter discarded');
    return record;
  }
}
