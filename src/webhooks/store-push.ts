import type { BindingRepository } from '../bindings/binding.repository';
import { type CallIngestDeps, storeCallEvent, storeCdrBatch } from '../calls/call.ingest';
import type { AppConfig } from '../config';
import type { DeadLetterKind } from '../dead-letters/dead-letter.record';
import type { DeadLetterRepository } from '../dead-letters/dead-letter.repository';
import type { PubSub } from '../events/pubsub';
import { ALL_CHANNEL, type LogEntry } from '../events/topics';
import { type NumberStatusIngestDeps, storeNumberStatus } from '../numbers/number-status.ingest';
import type { Logger } from '../shared/logger';
import type { Stored } from '../shared/stored';
import { type SmsIngestDeps, storeSms } from '../sms/sms.ingest';
import type { SmsDecision } from '../sms/sms-decision';
import type { SmsRow } from '../sms/sms.record';
import type { Db, Queryable } from '../store/db';
import { UnreachableCaseError } from '../shared/unreachable';
import { sha256Hex } from './canonical';
import { foreignOwner, foreignOwners, type Claims } from './foreign-owner';
import { formatPushParseError } from './parse-push';
import type { CdrPush, Push } from './push';

export interface PushStoreDeps extends CallIngestDeps, SmsIngestDeps, NumberStatusIngestDeps {
  db: Db;
  apps: readonly AppConfig[];
  bindings: BindingRepository;
  deadLetters: DeadLetterRepository;
}

/** A push as it arrived at one app's endpoint. */
export interface Arrival {
  app: string;
  headers: Record<string, string>;
  rawBody: Buffer;
  receivedAt: Date;
}

/** What storing one push did: events appended, dead letters kept (by kind), and the SMS row of an SMS push. */
export interface PushOutcome {
  stored: Stored;
  /** Dead letters kept by this push, with why. */
  deadLettered: { kind: DeadLetterKind; error: string }[];
  sms?: SmsRow;
}

/**
 * Stores a parsed push inside `tx`: what names another app's binding, number or key, and the CDRs of a
 * batch that did not parse, become dead letters; the rest is stored by the feature it belongs to (calls,
 * SMS, numbers), whose store appends to the event log last (events/event-log.ts, lock contract). Used by
 * the webhook handler and by a dead letter's replay alike, so a replayed push is stored as if pushed.
 */
export async function storePushIn(deps: PushStoreDeps, tx: Queryable, at: Arrival, push: Push, decision: SmsDecision | null): Promise<PushOutcome> {
  const none: Stored = { entries: [], duplicates: 0 };
  const foreign = (claims: Claims) => foreignOwner(deps, tx, at.app, claims);
  switch (push.kind) {
    case 'callEvent': {
      const why = await foreign({ subscriptionId: push.event.subscriptionId });
      if (why) return { stored: none, deadLettered: await kept(deps, tx, at, 'callEvent', why) };
      return { stored: await storeCallEvent(deps, tx, at.app, push.event), deadLettered: [] };
    }
    case 'cdrBatch': {
      const good: CdrPush[] = [];
      const bad: { raw: unknown; why: string }[] = push.rejected.map((r) => ({ raw: r.raw, why: formatPushParseError(r.error) }));
      const whys = await foreignOwners(deps, tx, at.app, push.records.map((r) => ({ subscriptionId: r.subscriptionId, number: r.bindNum, appKey: r.appKey })));
      push.records.forEach((r, i) => {
        const why = whys[i];
        if (why) bad.push({ raw: r.raw, why: `feeLst: ${why}` });
        else good.push(r);
      });
      // Each bad record becomes a one-record batch: a replay parses it as the push it was part of. Kept in
      // body order, so two transactions keeping the same bad records take their keys in the same order.
      const letters = bad.map((b) => ({ body: JSON.stringify({ eventType: 'fee', feeLst: [b.raw] }), why: b.why })).sort((x, y) => (x.body < y.body ? -1 : x.body > y.body ? 1 : 0));
      const deadLettered: PushOutcome['deadLettered'] = [];
      for (const l of letters) deadLettered.push(...(await kept(deps, tx, { ...at, rawBody: Buffer.from(l.body) }, 'cdrBatch', l.why)));
      return { stored: good.length ? await storeCdrBatch(deps, tx, at.app, good) : none, deadLettered };
    }
    case 'sms': {
      const s = push.sms;
      const why = await foreign({ subscriptionId: s.subscriptionId, number: s.virtualNumber, appKey: s.appKey });
      if (why) return { stored: none, deadLettered: await kept(deps, tx, at, 'sms', why) };
      const result = await storeSms(deps, tx, at.app, s, s.subscriptionId ?? null, decision);
      return { stored: result, deadLettered: [], sms: result.row };
    }
    case 'numberStatus': {
      const why = (await foreignOwners(deps, tx, at.app, push.changes.map((c) => ({ number: c.number })))).find((w) => w !== null);
      if (why) return { stored: none, deadLettered: await kept(deps, tx, at, 'numberStatus', why) };
      return { stored: await storeNumberStatus(deps, tx, at.app, push.changes, at.rawBody), deadLettered: [] };
    }
    default:
      throw new UnreachableCaseError(push);
  }
}

async function kept(deps: PushStoreDeps, tx: Queryable, at: Arrival, kind: DeadLetterKind, error: string): Promise<PushOutcome['deadLettered']> {
  return (await deadLetterIn(deps, tx, at, kind, error)) ? [{ kind, error }] : [];
}

/** Wakes subscribers after commit. A lost wake-up delays nobody for long: streams re-read on the next one. */
export async function publish(pubsub: PubSub, entries: readonly LogEntry[], log: Logger): Promise<void> {
  if (entries.length === 0) return;
  try {
    await pubsub.publish(ALL_CHANNEL, entries[entries.length - 1].cursor);
  } catch (err) {
    log.warn({ err }, 'could not publish a wake-up; subscribers catch up on the next one');
  }
}

/** Keeps a push as a dead letter inside `tx`; false when this app already holds a dead letter of this body. */
export function deadLetterIn(deps: Pick<PushStoreDeps, 'deadLetters'>, tx: Queryable, at: Arrival, kind: DeadLetterKind, error: string): Promise<boolean> {
  return deps.deadLetters.insert(tx, { app: at.app, kind, headers: at.headers, rawBody: at.rawBody, bodyHash: sha256Hex(at.rawBody), error, receivedAt: at.receivedAt });
}

/** What a body that did not parse was probably meant to be, from its shape (push-api.md §0). */
export function guessKind(rawBody: Buffer): DeadLetterKind {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return 'unknown';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'unknown';
  const o = body as Record<string, unknown>;
  const word = typeof o.eventType === 'string' ? o.eventType.trim().toLowerCase() : '';
  if (word === 'fee' || Object.prototype.hasOwnProperty.call(o, 'feeLst')) return 'cdrBatch';
  if (word === 'numstatus' || Object.prototype.hasOwnProperty.call(o, 'numInfo')) return 'numberStatus';
  if (Object.prototype.hasOwnProperty.call(o, 'smsEvent')) return 'sms';
  if (Object.prototype.hasOwnProperty.call(o, 'statusInfo') || word !== '') return 'callEvent';
  return 'unknown';
}

/**
 * True when the database refused a value of the push itself (a data exception such as a NUL, a value out
 * of range or too long, an index row too big, a check constraint): a retry of the same body fails the same
 * way, so the push is a dead letter, not a 503. Anything else (connection, lock, disk) may pass on a retry.
 */
export function isDeterministicStoreError(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return false;
  return code.startsWith('22') || code === '54000' || code === '23514' || code === '23502';
}
