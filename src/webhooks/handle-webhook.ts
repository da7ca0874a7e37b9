import type { AppConfig, Config, PlatformConfig } from '../config';
import type { BindingRepository } from '../bindings/binding.repository';
import { effectiveStatus } from '../bindings/binding.record';
import type { DeadLetterKind } from '../dead-letters/dead-letter.record';
import type { PubSub } from '../events/pubsub';
import type { Logger } from '../shared/logger';
import { secretsEqual } from '../shared/secret-equal';
import { type Decision, decideBlockSms, NO_POLICY, toBlockResponse } from '../sms/sms-policy';
import type { SmsRow } from '../sms/sms.record';
import type { SmsRepository } from '../sms/sms.repository';
import type { Queryable } from '../store/db';
import { sha256Hex } from './canonical';
import type { NonceLedger } from './nonce-ledger';
import { type PushAnswerOutcome, UNKNOWN_KIND } from './push-answer';
import { formatPushParseError, parsePush } from './parse-push';
import type { SmsPush } from './push';
import { type Arrival, deadLetterIn, guessKind, isDeterministicStoreError, publish, type PushOutcome, type PushStoreDeps, storePushIn } from './store-push';
import { decideAuth, type VerifyResult, verifyPushSignature } from './verify-signature';

/** Transport-free webhook handling: the server passes the app name, raw body and headers. */
export interface WebhookInput {
  app: string;
  /** The `<token>` of `/webhooks/<app>/<token>`; absent for `/webhooks/<app>`. A secret: never logged. */
  pathToken?: string;
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** The HTTP request's id: every log line about this push carries it. */
  requestId?: string;
}

export interface WebhookOutput {
  status: number;
  headers?: Record<string, string>;
  body: string;
  /** How the push was answered, and its kind (`unknown` before parsing): for the metrics. */
  outcome: PushAnswerOutcome;
  kind: string;
}

export interface WebhookDeps extends PushStoreDeps {
  config: Pick<Config, 'apps' | 'webhooks'> & { platform: Pick<PlatformConfig, 'authScheme'> };
  pubsub: PubSub;
  sms: SmsRepository;
  logger: Logger;
  /** Answered to an SMS Block push when the policy cannot be read within the deadline. */
  smsTimeoutDecision: 'FORWARD' | 'DISCARD';
  /** Nonces of signed pushes, claimed in each push's store transaction. */
  nonceLedger: NonceLedger;
  /** Counts dead letters by app and kind (optional). */
  onDeadLetter?: (app: string, kind: DeadLetterKind) => void;
}

type Answer = Omit<WebhookOutput, 'outcome' | 'kind'>;
const json = (status: number, body: unknown): Answer => ({ status, body: JSON.stringify(body) });
const as = (answer: Answer, outcome: PushAnswerOutcome, kind: string = UNKNOWN_KIND): WebhookOutput => ({ ...answer, outcome, kind });
/** The platform only needs a 200 with an empty body (push-api.md §1.4). */
const OK: Answer = { status: 200, body: '', headers: { 'content-type': 'text/plain; charset=utf-8' } };
const UNAUTHENTICATED = json(401, { error: 'UNAUTHENTICATED', message: 'The push signature did not verify' });
const notFound = (app: string): WebhookOutput => as(json(404, { error: 'NOT_FOUND', message: `No app named "${app}" is configured` }), 'notFound');

/** Thrown inside the store transaction to roll it back when a signed push reuses a nonce with another body. */
class NonceReplay extends Error {}

/**
 * Builds the handler of `POST /webhooks/<app>` (GUIDE.md §1 path 2): verify the signature (per app: off /
 * log / enforce; no state) → parse into a Push → one transaction: claim the nonce with the body's hash,
 * store (dedupe + record + event log) → answer 200 (or the SMS Block decision) → wake subscribers.
 * A 200 means "it is on disk", as a push or as a dead letter: a body that does not parse, names another
 * app's binding/number/key, or holds a value the database refuses is kept in `dead_letters` and answered
 * 200. 503 means the store is down (nothing, not even the nonce, was recorded): the platform's retry works.
 */
export function createWebhookHandler(deps: WebhookDeps): (input: WebhookInput) => Promise<WebhookOutput> {
  const apps = new Map(deps.config.apps.map((a) => [a.name, a]));

  return async (input) => {
    const app = apps.get(input.app);
    if (!app) return notFound(input.app);
    const log = deps.logger.child({ app: app.name, requestId: input.requestId });
    if (!pathTokenMatches(app, input.pathToken)) {
      log.warn({ withToken: input.pathToken !== undefined }, 'push to a wrong webhook address (path token); not stored');
      // The same answer as an unknown app: the address without the right token does not exist.
      return notFound(input.app);
    }
    // Without fan-out, subscribers of other instances would hear of this push only at their next catch-up:
    // refuse it now, before anything is checked or stored, and let the platform send it again.
    if (!deps.pubsub.healthy) {
      return as(json(503, { error: 'UNAVAILABLE', message: 'Event fan-out is down; retry later' }), 'failed');
    }

    const receivedAt = deps.now();
    const nowMs = receivedAt.getTime();
    const auth: VerifyResult | null = app.webhookAuth === 'off' ? null : verifyPushSignature({
      headers: input.headers,
      appKey: app.appKey,
      appSecret: app.appSecret,
      scheme: deps.config.platform.authScheme,
      nowMs,
      windowSeconds: deps.config.webhooks.createdWindowSeconds,
    });
    const verdict = auth ? decideAuth(app.webhookAuth, auth) : { accept: true, log: false };
    if (verdict.log && auth && !auth.ok) log.warn({ reason: auth.reason, detail: auth.detail, mode: app.webhookAuth }, 'push signature check failed');
    if (!verdict.accept) return as(UNAUTHENTICATED, 'rejected');

    const at: Arrival = { app: app.name, headers: flatHeaders(input.headers), rawBody: input.rawBody, receivedAt };
    const bodyHash = sha256Hex(input.rawBody);
    /** Claims the nonce of a signed push in `tx`; false when this very push was stored before. */
    const claim = async (tx: Queryable): Promise<boolean> => {
      if (!auth?.ok) return true;
      const c = await deps.nonceLedger.claim(tx, app.name, auth.nonce, bodyHash, nowMs);
      if (c === 'replay') {
        log.warn({ mode: app.webhookAuth }, 'push nonce reused with another body');
        if (app.webhookAuth === 'enforce') throw new NonceReplay();
      }
      return c !== 'duplicate';
    };

    const parsed = parsePush(input.rawBody, { receivedAt });
    const kind: DeadLetterKind = parsed.ok ? parsed.push.kind : guessKind(input.rawBody);
    try {
      if (!parsed.ok) {
        const error = formatPushParseError(parsed.error);
        log.warn({ error, kind, bytes: input.rawBody.length }, 'webhook body is not a push; kept as a dead letter');
        return await deadLetter(deps, log, at, kind, `not a push: ${error}`, claim);
      }
      const push = parsed.push;
      const decision = push.kind === 'sms' && push.sms.mode === 'Block' ? await decideSms({ ...deps, logger: log }, app, push.sms) : null;
      const outcome = await deps.db.transaction(async (tx): Promise<PushOutcome> => {
        // A duplicate SMS is stored again (a no-op by its own key) to answer the decision given the first time.
        if (!(await claim(tx)) && push.kind !== 'sms') return { stored: { entries: [], duplicates: 1 }, deadLettered: [] };
        return storePushIn(deps, tx, at, push, decision?.decision ?? null);
      });
      for (const d of outcome.deadLettered) deps.onDeadLetter?.(app.name, d.kind);
      const outcomeName = outcome.stored.entries.length > 0 ? 'stored' : outcome.deadLettered.length > 0 ? 'deadLettered' : 'duplicate';
      log.debug({ kind: push.kind, stored: outcome.stored.entries.length, duplicates: outcome.stored.duplicates, deadLetters: outcome.deadLettered.length }, 'push stored');
      await publish(deps.pubsub, outcome.stored.entries, log);
      return as(decision && outcome.sms ? smsAnswer({ ...deps, logger: log }, app, outcome.sms, decision) : OK, outcomeName, push.kind);
    } catch (err) {
      if (err instanceof NonceReplay) return as(UNAUTHENTICATED, 'rejected', kind);
      if (isDeterministicStoreError(err)) {
        log.warn({ err, kind }, 'the database refused a value of the push; kept as a dead letter');
        try {
          return await deadLetter(deps, log, at, kind, `refused by the database: ${errorText(err)}`, claim);
        } catch (again) {
          if (again instanceof NonceReplay) return as(UNAUTHENTICATED, 'rejected', kind);
          err = again;
        }
      }
      log.error({ err, kind }, 'push could not be stored; answering 503 so the platform retries');
      return as(json(503, { error: 'UNAVAILABLE', message: 'The push could not be stored; retry later' }), 'failed', kind);
    }
  };
}

/** Keeps a push as a dead letter in its own transaction, claiming its nonce there; answers 200. */
async function deadLetter(deps: WebhookDeps, log: Logger, at: Arrival, kind: DeadLetterKind, error: string, claim: (tx: Queryable) => Promise<boolean>): Promise<WebhookOutput> {
  const kept = await deps.db.transaction(async (tx) => ((await claim(tx)) ? deadLetterIn(deps, tx, at, kind, error) : false));
  if (kept) deps.onDeadLetter?.(at.app, kind);
  log.debug({ kind, kept }, 'dead letter');
  return as(OK, kept ? 'deadLettered' : 'duplicate', kind);
}

function errorText(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return `${e.code ?? ''} ${e.message ?? String(err)}`.trim();
}

/** Header values as strings (a repeated header joined), for a dead letter. */
function flatHeaders(headers: WebhookInput['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** An app with a path token takes pushes only at `/webhooks/<app>/<token>`; one without, only at `/webhooks/<app>`. */
function pathTokenMatches(app: AppConfig, presented: string | undefined): boolean {
  if (app.webhookPathToken === null) return presented === undefined;
  return presented !== undefined && secretsEqual(presented, app.webhookPathToken);
}

/** The decision of a Block push, made before its transaction (within the deadline: policy, else the fallback). */
async function decideSms(deps: WebhookDeps, app: AppConfig, sms: SmsPush): Promise<Decision> {
  // Only a Block decision needs the binding (an AX binding's temporary callee is the default receiver).
  const binding = sms.subscriptionId ? await deps.bindings.get(deps.db, sms.subscriptionId).catch(() => null) : null;
  return decideWithin(deps, app, sms, binding);
}

/** The answer to a Block push: the decision stored the first time, so a repeated push hears the same answer. */
function smsAnswer(deps: WebhookDeps, app: AppConfig, row: SmsRow, decision: Decision): Answer {
  const final: Decision = row.decision === decision.decision ? decision : { decision: row.decision ?? 'DISCARD', forwardTo: row.receiver, reason: 'stored earlier' };
  deps.logger.info({ sms: row.smsIdentifier, decision: final.decision, reason: final.reason }, 'SMS Block push decided');
  return { status: 200, body: JSON.stringify(toBlockResponse(final, row.sender)) };
}

async function decideWithin(
  deps: WebhookDeps,
  app: AppConfig,
  sms: SmsPush,
  binding: Awaited<ReturnType<BindingRepository['get']>>,
): Promise<Decision> {
  const now = deps.now();
  const fallbackReceiver =
    binding && binding.mode === 'AX' && binding.temporaryCallee && binding.temporaryCalleeExpiresAt && effectiveStatus(binding, now) === 'ACTIVE' && binding.temporaryCalleeExpiresAt > now
      ? binding.temporaryCallee
      : null;
  const deadlineMs = deps.config.webhooks.smsBlockDeadlineMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Decision>((resolve) => {
    timer = setTimeout(() => resolve({ decision: deps.smsTimeoutDecision, forwardTo: fallbackReceiver, reason: 'policy not read in time' }), deadlineMs);
  });
  // A policy read that fails, even after the deadline passed, ends in the fallback decision: never an
  // unhandled rejection.
  const decided = deps.sms
    .getPolicy(deps.db, app.name)
    .then((policy) => decideBlockSms(policy ?? NO_POLICY(app.name), { sender: sms.sender, content: sms.content ?? null }, fallbackReceiver))
    .catch((err: unknown): Decision => {
      deps.logger.warn({ err }, 'SMS policy could not be read');
      return { decision: deps.smsTimeoutDecision, forwardTo: fallbackReceiver, reason: 'policy could not be read' };
    });
  try {
    const d = await Promise.race([decided, timeout]);
    return d.decision === 'FORWARD' && !d.forwardTo ? { decision: 'DISCARD', forwardTo: null, reason: `${d.reason}: no receiver` } : d;
  } finally {
    clearTimeout(timer);
  }
}
