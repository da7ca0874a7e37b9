import type { AppConfig, Config, PlatformConfig } from '../config';
import type { BindingRepository } from '../bindings/binding.repository';
import { effectiveStatus } from '../bindings/binding.record';
import type { LogEntry } from '../events/topics';
import { ALL_CHANNEL, channelForApp } from '../events/topics';
import type { PubSub } from '../events/pubsub';
import type { Logger } from '../shared/logger';
import { secretsEqual } from '../shared/secret-equal';
import { UnreachableCaseError } from '../shared/unreachable';
import { type Decision, decideBlockSms, NO_POLICY, toBlockResponse } from '../sms/sms-policy';
import type { SmsRepository } from '../sms/sms.repository';
import { InMemoryNonceCache, type NonceCache } from './nonce-cache';
import { formatPushParseError, parsePush } from './parse-push';
import type { SmsEvent } from './push';
import { type CallStoreDeps, type Stored, storeCallEvent, storeCdrBatch } from './store-calls';
import { type MessageStoreDeps, storeNumberStatus, storeSms } from './store-messages';
import type { NonceLedger } from './nonce-ledger';
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
}

export interface WebhookDeps extends CallStoreDeps, MessageStoreDeps {
  config: Pick<Config, 'apps' | 'webhooks'> & { platform: Pick<PlatformConfig, 'authScheme'> };
  pubsub: PubSub;
  bindings: BindingRepository;
  sms: SmsRepository;
  logger: Logger;
  /** Answered to an SMS Block push when the policy cannot be read within the deadline. */
  smsTimeoutDecision: 'FORWARD' | 'DISCARD';
  /** Nonces shared by every instance on one PostgreSQL; absent on PGlite, where one process owns the store. */
  nonceLedger?: NonceLedger;
  /** Counts pushes by app, kind and outcome (optional). */
  onPush?: (app: string, kind: string, outcome: 'stored' | 'duplicate' | 'rejected' | 'failed') => void;
}

const json = (status: number, body: unknown): WebhookOutput => ({ status, body: JSON.stringify(body) });
/** The platform only needs a 200 with an empty body (push-api.md §1.4). */
const OK: WebhookOutput = { status: 200, body: '', headers: { 'content-type': 'text/plain; charset=utf-8' } };

/**
 * Builds the handler of `POST /webhooks/<app>` (GUIDE.md §1 path 2): verify the signature (per app: off /
 * log / enforce) → parse into a Push → store in one transaction (dedupe + record + event log) → answer 200
 * (or the SMS Block decision) → wake subscribers. A 200 means "it is on disk": if storing fails the answer
 * is 503 so the platform retries. Bodies that are not pushes get 400 and are stored nowhere.
 */
export function createWebhookHandler(deps: WebhookDeps): (input: WebhookInput) => Promise<WebhookOutput> {
  const apps = new Map(deps.config.apps.map((a) => [a.name, a]));
  const nonces = new Map<string, NonceCache>();
  const keepMs = deps.config.webhooks.createdWindowSeconds * 2000;
  const noncesOf = (app: string): NonceCache => {
    let cache = nonces.get(app);
    if (!cache) nonces.set(app, (cache = new InMemoryNonceCache({ keepMs })));
    return cache;
  };

  return async (input) => {
    const app = apps.get(input.app);
    if (!app) return json(404, { error: 'NOT_FOUND', message: `No app named "${input.app}" is configured` });
    const log = deps.logger.child({ app: app.name, requestId: input.requestId });
    if (!pathTokenMatches(app, input.pathToken)) {
      log.warn({ withToken: input.pathToken !== undefined }, 'push to a wrong webhook address (path token); not stored');
      deps.onPush?.(app.name, 'unknown', 'rejected');
      // The same answer as an unknown app: the address without the right token does not exist.
      return json(404, { error: 'NOT_FOUND', message: `No app named "${input.app}" is configured` });
    }
    // Without fan-out, subscribers of other instances would hear of this push only at their next catch-up:
    // refuse it now, before anything is checked or stored, and let the platform send it again.
    if (!deps.pubsub.healthy) {
      deps.onPush?.(app.name, 'unknown', 'failed');
      return json(503, { error: 'UNAVAILABLE', message: 'Event fan-out is down; retry later' });
    }

    const nowMs = deps.now().getTime();
    let auth: VerifyResult | null = app.webhookAuth === 'off' ? null : verifyPushSignature({
      headers: input.headers,
      appKey: app.appKey,
      appSecret: app.appSecret,
      scheme: deps.config.platform.authScheme,
      nowMs,
      windowSeconds: deps.config.webhooks.createdWindowSeconds,
      nonces: noncesOf(app.name),
    });
    if (auth?.ok && deps.nonceLedger) {
      try {
        if (await deps.nonceLedger.seen(app.name, auth.nonce, nowMs)) auth = { ok: false, reason: 'nonce-reused', detail: 'Nonce was already used (on another instance)' };
      } catch (err) {
        log.error({ err }, 'push nonce could not be checked; answering 503 so the platform retries');
        deps.onPush?.(app.name, 'unknown', 'failed');
        return json(503, { error: 'UNAVAILABLE', message: 'The push could not be checked; retry later' });
      }
    }
    const verdict = auth ? decideAuth(app.webhookAuth, auth) : { accept: true, log: false };
    if (verdict.log && auth && !auth.ok) log.warn({ reason: auth.reason, detail: auth.detail, mode: app.webhookAuth }, 'push signature check failed');
    if (!verdict.accept) {
      deps.onPush?.(app.name, 'unknown', 'rejected');
      return json(401, { error: 'UNAUTHENTICATED', message: 'The push signature did not verify' });
    }

    const parsed = parsePush(input.rawBody, { receivedAt: deps.now() });
    if (!parsed.ok) {
      log.warn({ error: formatPushParseError(parsed.error), bytes: input.rawBody.length }, 'webhook body is not a push; not stored');
      deps.onPush?.(app.name, 'unknown', 'rejected');
      return json(400, { error: 'BAD_REQUEST', message: `Not a push: ${formatPushParseError(parsed.error)}`, ...parsed.error });
    }

    const push = parsed.push;
    try {
      let stored: Stored;
      let answer: WebhookOutput = OK;
      switch (push.kind) {
        case 'callEvent':
          stored = await storeCallEvent(deps, app.name, push.event);
          break;
        case 'cdrBatch':
          stored = await storeCdrBatch(deps, app.name, push.records);
          break;
        case 'sms': {
          const result = await handleSms({ ...deps, logger: log }, app, push.sms);
          stored = result.stored;
          answer = result.answer;
          break;
        }
        case 'numberStatus':
          stored = await storeNumberStatus(deps, app.name, push.changes, input.rawBody);
          break;
        default:
          throw new UnreachableCaseError(push);
      }
      deps.onPush?.(app.name, push.kind, stored.entries.length > 0 ? 'stored' : 'duplicate');
      log.debug({ kind: push.kind, stored: stored.entries.length, duplicates: stored.duplicates }, 'push stored');
      await publish(deps, stored.entries, log);
      return answer;
    } catch (err) {
      deps.onPush?.(app.name, push.kind, 'failed');
      log.error({ err, kind: push.kind }, 'push could not be stored; answering 503 so the platform retries');
      return json(503, { error: 'UNAVAILABLE', message: 'The push could not be stored; retry later' });
    }
  };
}

/** An app with a path token takes pushes only at `/webhooks/<app>/<token>`; one without, only at `/webhooks/<app>`. */
function pathTokenMatches(app: AppConfig, presented: string | undefined): boolean {
  if (app.webhookPathToken === null) return presented === undefined;
  return presented !== undefined && secretsEqual(presented, app.webhookPathToken);
}

/** Wakes subscribers after commit. A lost wake-up delays nobody for long: streams re-read on the next one. */
async function publish(deps: WebhookDeps, entries: readonly LogEntry[], log: Logger): Promise<void> {
  if (entries.length === 0) return;
  const last = entries[entries.length - 1].cursor;
  const apps = new Set(entries.map((e) => e.app));
  try {
    await Promise.all([...[...apps].map((a) => deps.pubsub.publish(channelForApp(a), last)), deps.pubsub.publish(ALL_CHANNEL, last)]);
  } catch (err) {
    log.warn({ err }, 'could not publish a wake-up; subscribers catch up on the next one');
  }
}

/** Notify: store. Block: decide within the deadline (policy, else the configured fallback), store, answer the decision. */
async function handleSms(deps: WebhookDeps, app: AppConfig, sms: SmsEvent): Promise<{ stored: Stored; answer: WebhookOutput }> {
  const bindingId = sms.subscriptionId ?? null;
  if (sms.mode === 'Notify') return { stored: await storeSms(deps, app.name, sms, bindingId, null), answer: OK };

  // Only a Block decision needs the binding (an AX binding's temporary callee is the default receiver).
  const binding = bindingId ? await deps.bindings.get(deps.db, bindingId).catch(() => null) : null;

  const decision = await decideWithin(deps, app, sms, binding);
  const result = await storeSms(deps, app.name, sms, bindingId, decision.decision);
  const final: Decision = result.row.decision === decision.decision ? decision : { decision: result.row.decision ?? 'DISCARD', forwardTo: result.row.receiver, reason: 'stored earlier' };
  deps.logger.info({ sms: sms.smsIdentifier, decision: final.decision, reason: final.reason }, 'SMS Block push decided');
  return { stored: result, answer: { status: 200, body: JSON.stringify(toBlockResponse(final, sms.sender)) } };
}

async function decideWithin(
  deps: WebhookDeps,
  app: AppConfig,
  sms: SmsEvent,
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
