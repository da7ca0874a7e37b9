import { Authorized, Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { appsInScope, checkAppAllowed, visibleOrNull } from '../auth/app-scope';
import type { BindingsContext } from '../bindings/binding.context';
import { BindingConnection } from '../bindings/binding.type';
import { type BindingView, toBindingView } from '../bindings/binding.view';
import { ErrorCode, GatewayError, UserInputError } from '../errors';
import { checkCityCode } from '../bindings/binding.validation';
import { type ConnectionValue, PageArgs, PageArgs50, type PageArgsOf, toConnection } from '../shared/connection';
import { maskPhone } from '../shared/phone';
import { PhoneNumberScalar } from '../shared/scalars';
import type { NumbersContext } from './privacy-number.deps';
import { PrivacyNumber, PrivacyNumberConnection, PrivacyNumberFilter } from './privacy-number.type';
import { capacityOf, type PrivacyNumberView, toPrivacyNumberView } from './privacy-number.view';
import { pageCost } from '../shared/page-cost';

type Context = NumbersContext & BindingsContext;

@Resolver(() => PrivacyNumber)
export class PrivacyNumberResolver {
  @Authorized()
  @Query(() => PrivacyNumber, { nullable: true, description: 'One number of the inventory; null when it is not in it (or belongs to an app the caller may not see).' })
  async privacyNumber(@Arg('number', () => PhoneNumberScalar, { description: 'An X or Y number of the inventory (E.164).' }) number: string, @Ctx() ctx: Context): Promise<PrivacyNumberView | null> {
    const record = visibleOrNull(ctx.principal, await ctx.numbers.repo.get(ctx.numbers.db, number));
    return record && toPrivacyNumberView(record, ctx.numbers.apps);
  }

  @Authorized()
  @Query(() => PrivacyNumberConnection, {
    description: 'The inventory: numbers from configuration and importPrivacyNumbers, in the order they were added.',
    complexity: pageCost(50),
  })
  async privacyNumbers(
    @Arg('filter', () => PrivacyNumberFilter, { nullable: true, description: 'Every given field must match; absent = the whole inventory.' }) filter: PrivacyNumberFilter | null,
    @Args(() => PageArgs50) page: PageArgsOf,
    @Ctx() ctx: Context,
  ): Promise<ConnectionValue<PrivacyNumberView>> {
    const { first, after } = page.window();
    const found = await ctx.numbers.repo.list(
      ctx.numbers.db,
      { apps: appsInScope(ctx, filter?.app, 'filter.app'), status: filter?.status ?? undefined, cityCode: filter?.cityCode ?? undefined },
      first,
      after,
    );
    return toConnection(found, (n) => toPrivacyNumberView(n, ctx.numbers.apps));
  }

  @FieldResolver(() => Int, { description: 'Active, unexpired bindings using this number (as X, or as Y in AXYB), from the mirror.' })
  async activeBindingCount(@Root() n: PrivacyNumberView, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.numberUsage.load(n.number)).activeBindings;
  }

  @FieldResolver(() => Int, {
    description:
      "How much this number can carry in its mode: AXB 5000 pairs, AX 1, AXYB 1000 relations per Y, AXE one per extension (9999 for 4 digits, the default until a binding shows the app's length). 0 for a number of an app no longer configured.",
  })
  async capacity(@Root() n: PrivacyNumberView, @Ctx() ctx: Context): Promise<number> {
    if (!n.app) return 0;
    return capacityOf(n.app.mode, n.app.mode === 'AXE' ? (await ctx.loaders.numberUsage.load(n.number)).extensionLength : null);
  }

  @FieldResolver(() => BindingConnection, { complexity: pageCost(20), description: 'Bindings of the mirror on this number (as X, or as Y in AXYB), oldest first, every status (read for every number of the page above in one query).' })
  async bindings(
    @Root() n: PrivacyNumberView,
    @Args(() => PageArgs) page: PageArgsOf,
    @Ctx() ctx: Context,
  ): Promise<ConnectionValue<BindingView>> {
    // Batched across the numbers of the page above: one query for all their pages.
    const deps = ctx.bindings;
    const found = await ctx.loaders.bindingsByNumber.load({ parent: n.number, ...page.window() });
    const now = deps.now();
    return toConnection(found, (b) => toBindingView(b, deps.apps, now));
  }

  @Authorized('admin')
  @Mutation(() => [PrivacyNumber], { description: 'Adds numbers ordered in the console to an app\'s inventory (the platform has no listing API); returns them in the order they were added. Numbers already in the app keep their status (a given cityCode replaces theirs). Errors: BAD_USER_INPUT (unknown app, bad cityCode, not 1 to 1000 numbers), CONFLICT (a number owned by another app: nothing is imported, `extensions.numbers` lists them), FORBIDDEN (an app outside the caller\'s).' })
  async importPrivacyNumbers(
    @Arg('app', () => String, { description: 'The configured app the numbers were ordered for.' }) appName: string,
    @Arg('numbers', () => [PhoneNumberScalar], { description: '1 to 1000 numbers; one owned by another app is CONFLICT (nothing is imported then).' }) numbers: string[],
    @Arg('cityCode', () => String, { nullable: true, description: 'Their city code with its leading zero, e.g. 0755; null = keep (or leave unset) each number\'s city code.' }) cityCode: string | null,
    @Ctx() ctx: Context,
  ): Promise<PrivacyNumberView[]> {
    checkAppAllowed(ctx, appName, 'app');
    const deps = ctx.numbers;
    const app = deps.apps.find((a) => a.name === appName);
    if (!app) throw new UserInputError('app', `no app named "${appName}"; configured: ${deps.apps.map((a) => a.name).join(', ')}`);
    checkCityCode('cityCode', cityCode);
    if (numbers.length === 0 || numbers.length > 1000) throw new UserInputError('numbers', `give 1 to 1000 numbers, got ${numbers.length}`);
    const unique = [...new Set(numbers)];
    const { conflicts } = await deps.db.transaction(async (tx) => {
      const result = await deps.repo.upsert(tx, app.name, unique.map((number) => ({ number, cityCode })));
      if (result.conflicts.length > 0) {
        throw new GatewayError(ErrorCode.Conflict, `numbers: ${result.conflicts.map(maskPhone).join(', ')} already belong to another app`, {
          field: 'numbers',
          numbers: result.conflicts,
        });
      }
      return result;
    });
    if (conflicts.length === 0 && deps.onImport) await deps.onImport(app.name, unique.map((number) => ({ number, cityCode })));
    const records = await deps.repo.getMany(deps.db, unique);
    return records.map((r) => toPrivacyNumberView(r, deps.apps));
  }
}
