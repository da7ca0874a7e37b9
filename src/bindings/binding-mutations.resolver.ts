import { Authorized, Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { PhoneNumberScalar } from '../shared/scalars';
import { createAxBinding, setTemporaryCallee } from './ax.service';
import { createAxbBinding, updateAxbBinding } from './axb.service';
import { createAxeBinding } from './axe.service';
import { bindAxybPartyB, createAxybBinding } from './axyb.service';
import { checkAppAllowed } from '../auth/app-scope';
import { type BindingsContext, checkBindingInScope } from './binding.context';
import { CreateAXBBindingInput, CreateAXBindingInput, CreateAXEBindingInput, CreateAXYBBindingInput, UpdateAXBBindingInput } from './binding.inputs';
import type { BindingRecord } from './binding.record';
import { AXBBinding, AXBinding, AXEBinding, AXYBBinding } from './binding.type';
import { type BindingView, toBindingView } from './binding.view';

function view(ctx: BindingsContext, record: BindingRecord): BindingView {
  ctx.loaders.binding.clearAll();
  return toBindingView(record, ctx.bindings.apps, ctx.bindings.now());
}

/** One mutation per platform bind/modify interface; each validates first, then calls the platform, then the mirror. */
@Resolver()
export class BindingMutationsResolver {
  @Authorized('operator')
  @Mutation(() => AXBBinding, { description: 'AXB-1: A and B reach each other through X; the platform picks X from cityCode, or takes privacyNumber. Errors: BAD_USER_INPUT (naming the field), NUMBER_UNAVAILABLE, CONFLICT (idempotencyKey), FORBIDDEN (another app), PLATFORM_REJECTED, PLATFORM_UNAVAILABLE, RATE_LIMITED.' })
  async createAXBBinding(@Arg('input', () => CreateAXBBindingInput, { description: 'The binding to create; each field says its limits. A repeated idempotencyKey with the same input returns the first result.' }) input: CreateAXBBindingInput, @Ctx() ctx: BindingsContext): Promise<BindingView> {
    if (input.app != null) checkAppAllowed(ctx, input.app, 'input.app');
    return view(ctx, await createAxbBinding(ctx.bindings, input));
  }

  @Authorized('operator')
  @Mutation(() => AXBBinding, { description: 'AXB-3: changes the given fields only (at least one). Errors: BAD_USER_INPUT (naming the field, or not an AXB binding), NOT_FOUND (no such ACTIVE binding), PLATFORM_REJECTED (the platform refused: `extensions.platformCode`), PLATFORM_UNAVAILABLE (no answer; retry later), RATE_LIMITED (flow control of the platform).' })
  async updateAXBBinding(
    @Arg('id', () => ID, { description: 'The binding id (subscriptionId).' }) id: string,
    @Arg('input', () => UpdateAXBBindingInput, { description: 'The fields to change; absent or null = unchanged. At least one is required (else BAD_USER_INPUT naming `input`).' }) input: UpdateAXBBindingInput,
    @Ctx() ctx: BindingsContext,
  ): Promise<BindingView> {
    await checkBindingInScope(ctx, id, 'id');
    return view(ctx, await updateAxbBinding(ctx.bindings, id, input));
  }

  @Authorized('operator')
  @Mutation(() => AXBinding, { description: 'AX-1: X belongs to A (anyone calling X reaches A). Errors: BAD_USER_INPUT (naming the field), NUMBER_UNAVAILABLE, CONFLICT (idempotencyKey), FORBIDDEN (another app), PLATFORM_REJECTED, PLATFORM_UNAVAILABLE, RATE_LIMITED.' })
  async createAXBinding(@Arg('input', () => CreateAXBindingInput, { description: 'The binding to create; each field says its limits. A repeated idempotencyKey with the same input returns the first result.' }) input: CreateAXBindingInput, @Ctx() ctx: BindingsContext): Promise<BindingView> {
    if (input.app != null) checkAppAllowed(ctx, input.app, 'input.app');
    return view(ctx, await createAxBinding(ctx.bindings, input));
  }

  @Authorized('operator')
  @Mutation(() => AXBinding, { description: "AX-3: sets the callee of A's next call through X, valid for about one minute (temporaryCalleeExpiresAt). Errors: NOT_FOUND (no such ACTIVE binding), BAD_USER_INPUT (not an AX binding, or a bad number), PLATFORM_REJECTED (the platform refused: `extensions.platformCode`), PLATFORM_UNAVAILABLE (no answer; retry later), RATE_LIMITED (flow control of the platform)." })
  async setTemporaryCallee(
    @Arg('bindingId', () => ID, { description: 'An ACTIVE AX binding.' }) bindingId: string,
    @Arg('callee', () => PhoneNumberScalar, { description: 'Who A reaches by calling X next (about one minute).' }) callee: string,
    @Ctx() ctx: BindingsContext,
  ): Promise<BindingView> {
    await checkBindingInScope(ctx, bindingId, 'bindingId');
    return view(ctx, await setTemporaryCallee(ctx.bindings, bindingId, callee));
  }

  @Authorized('operator')
  @Mutation(() => AXEBinding, { description: 'AXE-1: A is reached as X plus an extension. Errors: BAD_USER_INPUT (naming the field), NUMBER_UNAVAILABLE, CONFLICT (idempotencyKey), FORBIDDEN (another app), PLATFORM_REJECTED, PLATFORM_UNAVAILABLE, RATE_LIMITED.' })
  async createAXEBinding(@Arg('input', () => CreateAXEBindingInput, { description: 'The binding to create; each field says its limits. A repeated idempotencyKey with the same input returns the first result.' }) input: CreateAXEBindingInput, @Ctx() ctx: BindingsContext): Promise<BindingView> {
    if (input.app != null) checkAppAllowed(ctx, input.app, 'input.app');
    return view(ctx, await createAxeBinding(ctx.bindings, input));
  }

  @Authorized('operator')
  @Mutation(() => AXYBBinding, { description: 'AXYB-1: X for A, and with partyB also Y for B (B calls X to reach A, A calls Y to reach B). Errors: BAD_USER_INPUT (naming the field), NUMBER_UNAVAILABLE, CONFLICT (idempotencyKey), FORBIDDEN (another app), PLATFORM_REJECTED, PLATFORM_UNAVAILABLE, RATE_LIMITED.' })
  async createAXYBBinding(@Arg('input', () => CreateAXYBBindingInput, { description: 'The binding to create; each field says its limits. A repeated idempotencyKey with the same input returns the first result.' }) input: CreateAXYBBindingInput, @Ctx() ctx: BindingsContext): Promise<BindingView> {
    if (input.app != null) checkAppAllowed(ctx, input.app, 'input.app');
    return view(ctx, await createAxybBinding(ctx.bindings, input));
  }

  @Authorized('operator')
  @Mutation(() => AXYBBinding, { description: 'AXYB-2: binds the YB half of an AXYB binding: B gets a Y. Errors: NOT_FOUND (no such ACTIVE binding), BAD_USER_INPUT (not an AXYB binding), CONFLICT (another B is bound already), NUMBER_UNAVAILABLE (no Y free), PLATFORM_REJECTED (the platform refused: `extensions.platformCode`), PLATFORM_UNAVAILABLE (no answer; retry later), RATE_LIMITED (flow control of the platform).' })
  async bindAXYBPartyB(
    @Arg('bindingId', () => ID, { description: 'An ACTIVE AXYB binding without a party B.' }) bindingId: string,
    @Arg('partyB', () => PhoneNumberScalar, { description: 'Party B: gets a Y. The same B again returns the binding; another B is CONFLICT.' }) partyB: string,
    @Ctx() ctx: BindingsContext,
  ): Promise<BindingView> {
    await checkBindingInScope(ctx, bindingId, 'bindingId');
    return view(ctx, await bindAxybPartyB(ctx.bindings, bindingId, partyB));
  }
}
