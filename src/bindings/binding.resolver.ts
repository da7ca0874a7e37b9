import { Authorized, Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { appsInScope, checkAppAllowed, visibleOrNull } from '../auth/app-scope';
import { type BindingsContext, checkBindingInScope } from './binding.context';
import { BindingFilter } from './binding.inputs';
import { deleteBinding, listBindings } from './binding.service';
import { Binding, BindingConnection } from './binding.type';
import { type BindingView, toBindingView } from './binding.view';
import { type ConnectionValue, PageArgs, type PageArgsOf, toConnection } from '../shared/connection';
import { pageCost } from '../shared/page-cost';

@Resolver(() => Binding)
export class BindingResolver {
  @Authorized()
  @Query(() => Binding, {
    nullable: true,
    description:
      'Asks the platform (the source of truth) and refreshes the mirror. An id the mirror does not know (a binding made outside this gateway) is looked up in `app`, or in the only configured app; with several apps and no `app` it is null.',
  })
  async binding(
    @Arg('id', () => ID, { description: 'The binding id (the platform subscriptionId). One the platform no longer knows answers the mirrored binding as EXPIRED or DELETED; an id nobody knows answers null.' }) id: string,
    @Arg('app', () => String, { nullable: true, description: 'The app to ask when the mirror does not know the id (a binding made outside this gateway); null = the only configured app. Not configured: BAD_USER_INPUT; outside the caller\'s apps: FORBIDDEN.' }) app: string | null,
    @Ctx() ctx: BindingsContext,
  ): Promise<BindingView | null> {
    if (app != null) checkAppAllowed(ctx, app, 'app');
    const record = visibleOrNull(ctx.principal, await ctx.loaders.binding.load({ id, app }));
    return record && toBindingView(record, ctx.bindings.apps, ctx.bindings.now());
  }

  @Authorized()
  @Query(() => BindingConnection, { description: 'Pages over the local mirror of bindings made (or looked up) through this gateway, oldest first; no platform call. Statuses are effective: an ACTIVE binding past its expiry shows EXPIRED.', complexity: pageCost(20) })
  async bindings(
    @Arg('filter', () => BindingFilter, { nullable: true, description: 'Every given field must match; absent = every binding.' }) filter: BindingFilter | null,
    @Args(() => PageArgs) page: PageArgsOf,
    @Ctx() ctx: BindingsContext,
  ): Promise<ConnectionValue<BindingView>> {
    const { first, after } = page.window();
    const deps = ctx.bindings;
    const now = deps.now();
    const rows = await listBindings(
      deps,
      {
        mode: filter?.mode ?? undefined,
        privacyNumber: filter?.privacyNumber ?? undefined,
        party: filter?.party ?? undefined,
        status: filter?.status ?? undefined,
        apps: appsInScope(ctx, filter?.app, 'filter.app'),
      },
      first,
      after,
      now,
    );
    return toConnection(rows, (b) => toBindingView(b, deps.apps, now));
  }

  @Authorized('operator')
  @Mutation(() => Binding, { description: 'Unbinds on the platform; returns the binding with status DELETED (already DELETED: returned as is, no platform call). Errors: NOT_FOUND (no such binding, or of an app the caller may not see), PLATFORM_REJECTED (the platform refused: `extensions.platformCode`), PLATFORM_UNAVAILABLE (no answer; retry later), RATE_LIMITED (flow control of the platform).' })
  async deleteBinding(@Arg('id', () => ID, { description: 'The binding id; a binding the platform already forgot is marked DELETED too.' }) id: string, @Ctx() ctx: BindingsContext): Promise<BindingView> {
    await checkBindingInScope(ctx, id, 'id');
    const record = await deleteBinding(ctx.bindings, id);
    ctx.loaders.binding.clearAll();
    return toBindingView(record, ctx.bindings.apps, ctx.bindings.now());
  }
}
