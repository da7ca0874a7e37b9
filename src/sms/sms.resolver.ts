import { Authorized, Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { appsInScope, checkAppAllowed } from '../auth/app-scope';
import type { BindingsContext } from '../bindings/binding.context';
import { Binding } from '../bindings/binding.type';
import type { BindingView } from '../bindings/binding.view';
import { bindingOf } from '../calls/call.resolver';
import type { CallsContext } from '../calls/call.deps';
import type { AppConfig } from '../config';
import { UserInputError } from '../errors';
import { PhoneNumberScalar } from '../shared/scalars';
import type { Db } from '../store/db';
import type { SmsPolicyRecord, SmsRow } from './sms.record';
import type { SmsRepository } from './sms.repository';
import { SmsMessage, SmsMessageConnection, SmsPolicy, SmsPolicyInput } from './sms.type';
import { type ConnectionValue, PageArgs, type PageArgsOf, toConnection } from '../shared/connection';
import { pageCost } from '../shared/page-cost';

export interface SmsDeps {
  db: Db;
  sms: SmsRepository;
  apps: readonly AppConfig[];
  now: () => Date;
}

export interface SmsContext {
  sms: SmsDeps;
}

type Context = SmsContext & CallsContext & BindingsContext;

export type SmsView = Omit<SmsMessage, 'id' | 'binding'> & { id: string };

/** `id` is the row's own key (one per smsIdentifier and mode), so a NOTIFY and a BLOCK record of one SMS differ. */
export const toSmsView = (r: SmsRow): SmsView => ({ ...r, id: `sms-${r.id}` });

function toPolicyView(p: SmsPolicyRecord, app: AppConfig): SmsPolicy {
  return {
    app: { name: app.name, mode: app.mode, appKey: app.appKey },
    defaultDecision: p.defaultDecision,
    rules: p.rules,
  };
}

function appNamed(apps: readonly AppConfig[], name: string, field: string): AppConfig {
  const app = apps.find((a) => a.name === name);
  if (!app) throw new UserInputError(field, `no app named "${name}"; configured: ${apps.map((a) => a.name).join(', ')}`);
  return app;
}

@Resolver(() => SmsMessage)
export class SmsResolver {
  @Authorized()
  @Query(() => SmsMessageConnection, { description: 'SMS pushes heard from the platform (NOTIFY and BLOCK records), newest first, in the caller\'s apps.', complexity: pageCost(20) })
  async smsMessages(
    @Arg('bindingId', () => ID, { nullable: true, description: 'Only SMS of this binding; null = every binding.' }) bindingId: string | null,
    @Arg('privacyNumber', () => PhoneNumberScalar, { nullable: true, description: 'Only SMS through this privacy number (X); null = every number.' }) privacyNumber: string | null,
    @Args(() => PageArgs) page: PageArgsOf,
    @Ctx() ctx: Context,
  ): Promise<ConnectionValue<SmsView>> {
    const { first, after } = page.window();
    const found = await ctx.sms.sms.list(ctx.sms.db, { bindingId: bindingId ?? undefined, privacyNumber: privacyNumber ?? undefined, apps: appsInScope(ctx, null, 'app') }, first, after);
    return toConnection(found, toSmsView);
  }

  @FieldResolver(() => Binding, { nullable: true, description: 'The binding the SMS went through, from the mirror (no platform call); null when the push named none or the mirror does not know it.' })
  binding(@Root() sms: SmsView, @Ctx() ctx: Context): Promise<BindingView | null> {
    return bindingOf(ctx, sms.bindingId);
  }

  @Authorized()
  @Query(() => SmsPolicy, { nullable: true, description: 'How BLOCK SMS of this app are decided; null = none set (everything is discarded).' })
  async smsPolicy(@Arg('app', () => String, { description: 'A configured app. Not configured: BAD_USER_INPUT; outside the caller\'s apps: FORBIDDEN.' }) appName: string, @Ctx() ctx: Context): Promise<SmsPolicy | null> {
    checkAppAllowed(ctx, appName, 'app');
    const app = appNamed(ctx.sms.apps, appName, 'app');
    const policy = await ctx.sms.sms.getPolicy(ctx.sms.db, app.name);
    return policy && toPolicyView(policy, app);
  }

  @Authorized('operator')
  @Mutation(() => SmsPolicy, { description: 'Replaces the policy that answers SMS Block pushes of one app; returns it. Errors: BAD_USER_INPUT (unknown app, more than 100 rules, a bad senderPattern, an empty contentContains, a DISCARD rule with forwardTo; naming the field), FORBIDDEN (an app outside the caller\'s).' })
  async setSmsPolicy(@Arg('input', () => SmsPolicyInput, { description: 'Replaces the whole policy of input.app.' }) input: SmsPolicyInput, @Ctx() ctx: Context): Promise<SmsPolicy> {
    checkAppAllowed(ctx, input.app, 'input.app');
    const app = appNamed(ctx.sms.apps, input.app, 'input.app');
    if (input.rules.length > 100) throw new UserInputError('input.rules', `at most 100 rules, got ${input.rules.length}`);
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
    await ctx.sms.sms.setPolicy(ctx.sms.db, policy, ctx.sms.now());
    return toPolicyView(policy, app);
  }
}
