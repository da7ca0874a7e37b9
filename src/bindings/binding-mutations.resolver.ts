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
  @Mutation(() => AXBBinding)
  async createAXBBinding(@Arg('input', () => CreateAXBBindingInput) input: CreateAXBBindingInput, @Ctx() ctx: BindingsContext): Promise<BindingView> {
    if (input.app != null) checkAppAllowed(ctx, input.app, 'input.app');
    return view(ctx, await createAxbBinding(ctx.bindings, input));
  }

  @Authorized('operator')
  @Mutation(() => AXBBinding)
  async updateAXBBinding(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAXBBindingInput) input: UpdateAXBBindingInput,
    @Ctx() ctx: BindingsContext,
  ): Promise<BindingView> {
    await checkBindingInScope(ctx, id, 'id');
    return view(ctx, await updateAxbBinding(ctx.bindings, id, input));
  }

  @Authorized('operator')
  @Mutation(() => AXBinding)
  async createAXBinding(@Arg('input', () => CreateAXBindingInput) input: CreateAXBindingInput, @Ctx() ctx: BindingsContext): Promise<BindingView> {
    if (input.app != null) checkAppAllowed(ctx, input.app, 'input.app');
    return view(ctx, await createAxBinding(ctx.bindings, input));
  }

  @Authorized('operator')
  @Mutation(() => AXBinding, { description: "Sets the callee of A's next call through X (valid for about one minute)." })
  async setTemporaryCallee(
    @Arg('bindingId', () => ID) bindingId: string,
    @Arg('callee', () => PhoneNumberScalar) callee: string,
    @Ctx() ctx: BindingsContext,
  ): Promise<BindingView> {
    await checkBindingInScope(ctx, bindingId, 'bindingId');
    return view(ctx, await setTemporaryCallee(ctx.bindings, bindingId, callee));
  }

  @Authorized('operator')
  @Mutation(() => AXEBinding)
  async createAXEBinding(@Arg('input', () => CreateAXEBindingInput) input: CreateAXEBindingInput, @Ctx() ctx: BindingsContext): Promise<BindingView> {
    if (input.app != null) checkAppAllowed(ctx, input.app, 'input.app');
    return view(ctx, await createAxeBinding(ctx.bindings, input));
  }

  @Authorized('operator')
  @Mutation(() => AXYBBinding)
  async createAXYBBinding(@Arg('input', () => CreateAXYBBindingInput) input: CreateAXYBBindingInput, @Ctx() ctx: BindingsContext): Promise<BindingView> {
    if (input.app != null) checkAppAllowed(ctx, input.app, 'input.app');
    return view(ctx, await createAxybBinding(ctx.bindings, input));
  }

  @Authorized('operator')
  @Mutation(() => AXYBBinding, { description: 'Binds the YB half of an AXYB binding: B gets a Y.' })
  async bindAXYBPartyB(
    @Arg('bindingId', () => ID) bindingId: string,
    @Arg('partyB', () => PhoneNumberScalar) partyB: string,
    @Ctx() ctx: BindingsContext,
  ): Promise<BindingView> {
    await checkBindingInScope(ctx, bindingId, 'bindingId');
    return view(ctx, await bindAxybPartyB(ctx.bindings, bindingId, partyB));
  }
}
