import { Authorized, Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { appsInScope, checkAppAllowed } from '../auth/app-scope';
import type { BindingsContext } from '../bindings/binding.context';
import { Binding } from '../bindings/binding.type';
import type { BindingView } from '../bindings/binding.view';
import { mirroredBinding } from '../bindings/mirrored-binding';
import type { CallsContext } from '../calls/call.deps';
import type { AppConfig } from '../config';
import { PhoneNumberScalar } from '../shared/scalars';
import type { SmsPolicyRecord, SmsRow } from './sms.record';
import { getSmsPolicy, listSms, replaceSmsPolicy, type SmsContext } from './sms.service';
import { SmsMessage, SmsMessageConnection, SmsPolicy, SmsPolicyInput } from './sms.type';
import { type ConnectionValue, PageArgs, type PageArgsOf, toConnection } from '../shared/connection';
import { pageCost } from '../shared/page-cost';

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
    const found = await listSms(ctx.sms, { bindingId: bindingId ?? undefined, privacyNumber: privacyNumber ?? undefined, apps: appsInScope(ctx, null, 'app') }, first, after);
    return toConnection(found, toSmsView);
  }

  @FieldResolver(() => Binding, { nullable: true, description: 'The binding the SMS went through, from the mirror (no platform call); null when the push named none or the mirror does not know it.' })
  binding(@Root() sms: SmsView, @Ctx() ctx: Context): Promise<BindingView | null> {
    return mirroredBinding(ctx, sms.bindingId);
  }

  @Authorized()
  @Query(() => SmsPolicy, { nullable: true, description: 'How BLOCK SMS of this app are decided; null = none set (everything is discarded).' })
  async smsPolicy(@Arg('app', () => String, { description: 'A configured app. Not configured: BAD_USER_INPUT; outside the caller\'s apps: FORBIDDEN.' }) appName: string, @Ctx() ctx: Context): Promise<SmsPolicy | null> {
    checkAppAllowed(ctx, appName, 'app');
    const { app, policy } = await getSmsPolicy(ctx.sms, appName, 'app');
    return policy && toPolicyView(policy, app);
  }

  @Authorized('operator')
  @Mutation(() => SmsPolicy, { description: 'Replaces the policy that answers SMS Block pushes of one app; returns it. Errors: BAD_USER_INPUT (unknown app, more than 100 rules, a bad senderPattern, an empty contentContains, a DISCARD rule with forwardTo; naming the field), FORBIDDEN (an app outside the caller\'s).' })
  async setSmsPolicy(@Arg('input', () => SmsPolicyInput, { description: 'Replaces the whole policy of input.app.' }) input: SmsPolicyInput, @Ctx() ctx: Context): Promise<SmsPolicy> {
    checkAppAllowed(ctx, input.app, 'input.app');
    const { app, policy } = await replaceSmsPolicy(ctx.sms, input);
    return toPolicyView(policy, app);
  }
}
