import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { appsInScope } from '../auth/app-scope';
import type { PrincipalContext } from '../auth/principal';
import { UserInputError } from '../errors';
import { type ConnectionValue, PageArgs, type PageArgsOf, toConnection } from '../shared/connection';
import { pageCost } from '../shared/page-cost';
import type { DeadLetterRecord } from './dead-letter.record';
import type { DeadLetterService } from './dead-letter.service';
import { DeadLetter, DeadLetterConnection, DeadLetterKindName, DeadLetterReplay } from './dead-letter.type';

export interface DeadLettersContext extends PrincipalContext {
  deadLetters: DeadLetterService;
}

const toView = (d: DeadLetterRecord): DeadLetter => ({
  id: String(d.id),
  app: d.app,
  kind: d.kind as DeadLetterKindName,
  error: d.error,
  headers: JSON.stringify(d.headers),
  rawBody: d.rawBody.toString('utf8'),
  bytes: d.rawBody.length,
  receivedAt: d.receivedAt,
});

function idOf(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new UserInputError('id', `not a dead letter id: ${JSON.stringify(value.slice(0, 40))}`);
  return Number(value);
}

const scope = (ctx: DeadLettersContext): readonly string[] | null => appsInScope(ctx, null, 'app') ?? null;

@Resolver(() => DeadLetter)
export class DeadLetterResolver {
  @Authorized('admin')
  @Query(() => DeadLetterConnection, { description: 'Signed pushes kept as dead letters (answered 200, not stored as pushes), newest first, of the caller\'s apps. Admins only.', complexity: pageCost(20) })
  async deadLetters(
    @Args(() => PageArgs) page: PageArgsOf,
    @Ctx() ctx: DeadLettersContext,
  ): Promise<ConnectionValue<DeadLetter>> {
    const { first, after } = page.window();
    return toConnection(await ctx.deadLetters.list(scope(ctx), first, after), toView);
  }

  @Authorized('admin')
  @Mutation(() => DeadLetterReplay, {
    description: 'Parses a dead letter again with the current code and stores it once, as if pushed, then removes it. Errors: BAD_USER_INPUT (still not storable, naming why; the dead letter stays), NOT_FOUND (no such dead letter, or of another app).',
  })
  async replayDeadLetter(@Arg('id', () => ID, { description: 'A DeadLetter.id (digits); anything else is BAD_USER_INPUT.' }) id: string, @Ctx() ctx: DeadLettersContext): Promise<DeadLetterReplay> {
    const r = await ctx.deadLetters.replay(idOf(id), scope(ctx));
    return { id: String(r.record.id), kind: r.record.kind as DeadLetterKindName, stored: r.stored, duplicates: r.duplicates };
  }

  @Authorized('admin')
  @Mutation(() => DeadLetter, { description: 'Removes a dead letter for good and returns it. Errors: NOT_FOUND (no such dead letter, or of another app).' })
  async discardDeadLetter(@Arg('id', () => ID, { description: 'A DeadLetter.id (digits); anything else is BAD_USER_INPUT.' }) id: string, @Ctx() ctx: DeadLettersContext): Promise<DeadLetter> {
    return toView(await ctx.deadLetters.discard(idOf(id), scope(ctx)));
  }
}
