import type { AppConfig } from '../config';
import { UserInputError } from '../errors';
import type { Db } from '../store/db';
import type { Page } from '../store/paging';
import type { SmsDecision } from './sms-decision';
import type { SmsPolicyRecord, SmsRow } from './sms.record';
import type { SmsRepository } from './sms.repository';

/** What the SMS reads and the policy writes need; built once by the composition root. */
export interface SmsDeps {
  db: Db;
  sms: SmsRepository;
  /** Limited to the principal's apps in a request's context (server/context.ts). */
  apps: readonly AppConfig[];
  now: () => Date;
}

export interface SmsContext {
  sms: SmsDeps;
}

export interface SmsFilter {
  bindingId?: string;
  privacyNumber?: string;
  /** Only these apps; absent = every app. */
  apps?: readonly string[];
}

/** A whole policy as a client sends it (`SmsPolicyInput`); absent rule fields mean "any". */
export interface SmsPolicyChange {
  app: string;
  defaultDecision: SmsDecision;
  rules: readonly { senderPattern?: string | null; contentContains?: string | null; decision: SmsDecision; forwardTo?: string | null }[];
}

/** At most this many rules per policy: each Block push is checked against all of them before its deadline. */
const MAX_SMS_RULES = 100;

/** Stored SMS pushes, newest first. */
export function listSms(deps: SmsDeps, filter: SmsFilter, first: number, after: string | null): Promise<Page<SmsRow>> {
  return deps.sms.list(deps.db, filter, first, after);
}

/** The configured app of that name; BAD_USER_INPUT naming `field` when there is none. */
function smsApp(deps: SmsDeps, name: string, field: string): AppConfig {
  const app = deps.apps.find((a) => a.name === name);
  if (!app) throw new UserInputError(field, `no app named "${name}"; configured: ${deps.apps.map((a) => a.name).join(', ')}`);
  return app;
}

/** The policy of a configured app (BAD_USER_INPUT on `field` otherwise), or null when none is set. */
export async function getSmsPolicy(deps: SmsDeps, appName: string, field: string): Promise<{ app: AppConfig; policy: SmsPolicyRecord | null }> {
  const app = smsApp(deps, appName, field);
  return { app, policy: await deps.sms.getPolicy(deps.db, app.name) };
}

/** Checks a whole policy (errors name the field under `input`) and replaces the app's stored one with it. */
export async function replaceSmsPolicy(deps: SmsDeps, input: SmsPolicyChange): Promise<{ app: AppConfig; policy: SmsPolicyRecord }> {
  const app = smsApp(deps, input.app, 'input.app');
  if (input.rules.length > MAX_SMS_RULES) throw new UserInputError('input.rules', `at most ${MAX_SMS_RULES} rules, got ${input.rules.length}`);
  input.rules.forEach((r, i) => {
    if (r.senderPattern != null && !/^\+?\d{1,15}$/.test(r.senderPattern)) throw new UserInputError(`input.rules[${i}].senderPattern`, 'must be a number prefix such as +86138');
    if (r.contentContains === '') throw new UserInputError(`input.rules[${i}].contentContains`, 'must not be empty');
    if (r.decision === 'DISCARD' && r.forwardTo != null) throw new UserInputError(`input.rules[${i}].forwardTo`, 'only a FORWARD rule has a receiver');
  });
  const policy: SmsPolicyRecord = {
    app: app.name,
    defaultDecision: input.defaultDecision,
    rules: input.rules.map((r) => ({ senderPattern: r.senderPattern ?? null, contentContains: r.contentContains ?? null, decision: r.decision, forwardTo: r.forwardTo ?? null })),
  };
  await deps.sms.setPolicy(deps.db, policy, deps.now());
  return { app, policy };
}
