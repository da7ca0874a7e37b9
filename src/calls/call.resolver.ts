import { Authorized, Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { appsInScope, visibleOrNull } from '../auth/app-scope';
import type { BindingsContext } from '../bindings/binding.context';
import { Binding } from '../bindings/binding.type';
import type { BindingView } from '../bindings/binding.view';
import { mirroredBinding } from '../bindings/mirrored-binding';
import { ErrorCode, GatewayError, UserInputError } from '../errors';
import type { CallsContext } from './call.deps';
import { type CallView, callEventFromRow, callFromRow, type CallEventView } from './call.payload';
import type { CallRecordRow } from './call.record';
import { Call, CallConnection, CallEvent, CallFilter, CallRecord, Recording } from './call.type';
import { type ConnectionValue, PageArgs, type PageArgsOf, type PageWindow, toConnection } from '../shared/connection';
import { listCost, pageCost } from '../shared/page-cost';

type Context = CallsContext & BindingsContext;

/** Recordings are kept seven days after the CDR was pushed (rest-api.md §9). */
export const RECORDING_RETENTION_MS = 7 * 24 * 3600 * 1000;

export async function listCalls(ctx: Context, filter: CallFilter | null, { first, after }: PageWindow): Promise<ConnectionValue<CallView>> {
  if (filter?.from && filter.to && filter.from >= filter.to) throw new UserInputError('filter.to', 'must be later than filter.from');
  const page = await ctx.calls.calls.list(
    ctx.calls.db,
    {
      apps: appsInScope(ctx, filter?.app, 'filter.app'),
      bindingId: filter?.bindingId ?? undefined,
      privacyNumber: filter?.privacyNumber ?? undefined,
      party: filter?.party ?? undefined,
      state: filter?.state ?? undefined,
      from: filter?.from ?? undefined,
      to: filter?.to ?? undefined,
    },
    first,
    after,
  );
  return toConnection(page, callFromRow);
}

@Resolver(() => Call)
export class CallResolver {
  @Authorized()
  @Query(() => Call, { nullable: true, description: 'One call by its sessionId, from what the platform pushed; null when none is stored (or it belongs to an app the caller may not see).' })
  async call(@Arg('sessionId', () => ID, { description: 'The platform sessionId of the call.' }) sessionId: string, @Ctx() ctx: Context): Promise<CallView | null> {
    const row = visibleOrNull(ctx.principal, await ctx.calls.calls.get(ctx.calls.db, sessionId));
    return row && callFromRow(row);
  }

  @Authorized()
  @Query(() => CallConnection, { description: 'Calls heard from the platform (call event and CDR pushes), newest first. Errors: BAD_USER_INPUT (`filter.to` not after `filter.from`, an unknown `filter.app`, `first`, `after`), FORBIDDEN (`filter.app` outside the caller\'s apps).', complexity: pageCost(20) })
  calls(
    @Arg('filter', () => CallFilter, { nullable: true, description: 'Every given field must match; absent = every call.' }) filter: CallFilter | null,
    @Args(() => PageArgs) page: PageArgsOf,
    @Ctx() ctx: Context,
  ): Promise<ConnectionValue<CallView>> {
    return listCalls(ctx, filter, page.window());
  }

  @FieldResolver(() => Binding, { nullable: true, description: 'The binding the call went through, from the mirror (no platform call); null when the push named none or the mirror does not know it.' })
  binding(@Root() call: CallView, @Ctx() ctx: Context): Promise<BindingView | null> {
    return mirroredBinding(ctx, call.bindingId);
  }

  @FieldResolver(() => [CallEvent], { complexity: listCost, description: 'Every event pushed for this call, in the order they happened; empty when none is stored (e.g. only the CDR arrived).' })
  async events(@Root() call: CallView, @Ctx() ctx: Context): Promise<CallEventView[]> {
    return (await ctx.loaders.callEvents.load(call.sessionId)).map(callEventFromRow);
  }

  @FieldResolver(() => CallRecord, { nullable: true, description: 'The call record (CDR) the platform pushes after the call; null until it arrives.' })
  record(@Root() call: CallView, @Ctx() ctx: Context): Promise<CallRecordRow | null> {
    return ctx.loaders.callRecord.load(call.sessionId);
  }

  @FieldResolver(() => Recording, { nullable: true, description: 'Present when the call was recorded; the URL is asked from the platform on demand.' })
  async recording(@Root() call: CallView, @Ctx() ctx: Context): Promise<Recording | null> {
    const record = await ctx.loaders.callRecord.load(call.sessionId);
    if (!record || !record.recorded) return null;
    const availableUntil = new Date(record.receivedAt.getTime() + RECORDING_RETENTION_MS);
    if (record.recordObjectName && record.recordDomain) {
      if (availableUntil <= ctx.calls.now()) throw new GatewayError(ErrorCode.NotFound, 'recording: the platform keeps recordings for seven days; this one is gone');
      const url = await ctx.loaders.recordingUrl.load(`${record.app}\n${record.recordObjectName}\n${record.recordDomain}`);
      return { fileName: record.recordObjectName, downloadUrl: url.url, downloadUrlExpiresAt: url.expiresAt, availableUntil };
    }
    if (record.recordDownloadUrl) {
      const fileName = record.recordObjectName ?? record.recordDownloadUrl.split('/').pop()?.split('?')[0] ?? 'recording.wav';
      return { fileName, downloadUrl: record.recordDownloadUrl, downloadUrlExpiresAt: availableUntil, availableUntil };
    }
    return null;
  }

  @Authorized('operator')
  @Mutation(() => Call, { description: "Ends a call in progress through the platform's callStop; returns the call as stored (the disconnect event follows as a push). Errors: NOT_FOUND (no such call, of an app the caller may not see or no longer configured), CONFLICT (already ENDED or FAILED), PLATFORM_REJECTED (the platform refused: `extensions.platformCode`), PLATFORM_UNAVAILABLE (no answer; retry later), RATE_LIMITED (flow control of the platform)." })
  async endCall(@Arg('sessionId', () => ID, { description: 'The platform sessionId of a call in progress.' }) sessionId: string, @Ctx() ctx: Context): Promise<CallView> {
    const row = visibleOrNull(ctx.principal, await ctx.calls.calls.get(ctx.calls.db, sessionId));
    if (!row) throw new GatewayError(ErrorCode.NotFound, `sessionId: no call ${sessionId}`, { field: 'sessionId' });
    if (row.state === 'ENDED' || row.state === 'FAILED') throw new GatewayError(ErrorCode.Conflict, `sessionId: call ${sessionId} has already ended`, { field: 'sessionId' });
    const app = ctx.calls.apps.find((a) => a.name === row.app);
    if (!app) throw new GatewayError(ErrorCode.NotFound, `sessionId: the call's app "${row.app}" is not configured`, { field: 'sessionId' });
    await ctx.calls.platform.app(app).calls.stop(sessionId);
    return callFromRow(row);
  }
}

@Resolver(() => CallEvent)
export class CallEventResolver {
  @FieldResolver(() => Binding, { nullable: true, description: 'The binding of the call, from the mirror (no platform call); null when no event of the call named one yet, or the mirror does not know it.' })
  binding(@Root() e: CallEventView, @Ctx() ctx: Context): Promise<BindingView | null> {
    return mirroredBinding(ctx, e.bindingId);
  }
}

@Resolver(() => Binding)
export class BindingCallsResolver {
  @FieldResolver(() => CallConnection, { description: 'Calls through this binding, newest first (read for every binding of the page above in one query).', complexity: pageCost(20) })
  async calls(
    @Root() binding: BindingView,
    @Args(() => PageArgs) page: PageArgsOf,
    @Ctx() ctx: Context,
  ): Promise<ConnectionValue<CallView>> {
    // Batched across the bindings of the page above: one query for all their pages (call.loaders.ts).
    const window = page.window();
    const calls = await ctx.loaders.callsByBinding.load({ parent: binding.id, ...window, apps: appsInScope(ctx, null, 'app') });
    return toConnection(calls, callFromRow);
  }
}

@Resolver(() => CallRecord)
export class CallRecordResolver {
  @FieldResolver(() => String, { nullable: true, description: 'icid: the platform\'s unique id of this record.' })
  recordId(@Root() r: CallRecordRow): string | null {
    return r.icid;
  }
}
