import { Authorized, Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { ErrorCode, GatewayError, UserInputError } from '../errors';
import type { Emulator } from '../emulator/emulator';
import { NumberStatus } from '../numbers/privacy-number.type';
import { PhoneNumberScalar } from '../shared/scalars';
import { UnreachableCaseError } from '../shared/unreachable';
import { SimulateCallInput, SimulatedCall, SimulateSmsInput } from './sandbox.type';

/** Present in the context only in sandbox mode. */
export interface SandboxContext {
  sandbox: { emulator: Emulator } | null;
}

function emulatorOf(ctx: SandboxContext): Emulator {
  if (!ctx.sandbox) throw new GatewayError(ErrorCode.Forbidden, 'simulations exist only in sandbox mode');
  return ctx.sandbox.emulator;
}

/** The emulator refuses what it cannot play (unknown number, no SMS in this mode): that is bad input here. */
function asUserError(field: string, fn: () => { sessionId?: string; smsIdentifier?: string }) {
  try {
    return fn();
  } catch (err) {
    throw new UserInputError(field, (err as Error).message);
  }
}

function toWireStatus(status: NumberStatus): '5' | '9' | '10' | '11' {
  switch (status) {
    case NumberStatus.NORMAL:
      return '5';
    case NumberStatus.SUSPENDED:
      return '9';
    case NumberStatus.UNAVAILABLE:
      return '10';
    case NumberStatus.BINDING_FROZEN:
      return '11';
    default:
      throw new UnreachableCaseError(status);
  }
}

/**
 * Sandbox mutations: each drives the embedded emulator, which pushes the same webhooks the real platform
 * would, over HTTP, to this gateway. They are part of the schema only in sandbox mode.
 */
@Resolver()
export class SandboxResolver {
  @Authorized('operator')
  @Mutation(() => SimulatedCall, { description: 'Sandbox only. Plays a call on the embedded platform; watch it with callEvents / callUpdated.' })
  simulateCall(@Arg('input', () => SimulateCallInput) input: SimulateCallInput, @Ctx() ctx: SandboxContext): SimulatedCall {
    const emulator = emulatorOf(ctx);
    if (input.talkSeconds != null && (input.talkSeconds < 0 || input.talkSeconds > 7200)) throw new UserInputError('input.talkSeconds', 'must be from 0 to 7200');
    if (input.extension != null && !/^\d{0,4}$/.test(input.extension)) throw new UserInputError('input.extension', 'must be up to 4 digits');
    const r = asUserError('input.to', () =>
      emulator.simulateCall({
        from: input.from,
        to: input.to,
        extension: input.extension ?? undefined,
        answer: input.answer ?? true,
        talkSeconds: input.talkSeconds ?? 30,
        hangupCode: input.hangupCode ?? undefined,
      }),
    );
    return { sessionId: r.sessionId as string };
  }

  @Authorized('operator')
  @Mutation(() => Boolean, { description: 'Sandbox only. Sends an SMS to a privacy number on the embedded platform.' })
  simulateSms(@Arg('input', () => SimulateSmsInput) input: SimulateSmsInput, @Ctx() ctx: SandboxContext): boolean {
    const emulator = emulatorOf(ctx);
    if (input.content.length === 0 || input.content.length > 1000) throw new UserInputError('input.content', 'must be 1 to 1000 characters');
    asUserError('input.to', () => emulator.simulateSms({ from: input.from, to: input.to, content: input.content }));
    return true;
  }

  @Authorized('operator')
  @Mutation(() => Boolean, { description: 'Sandbox only. The embedded platform pushes a number-status change for this number.' })
  simulateNumberStatus(
    @Arg('number', () => PhoneNumberScalar) number: string,
    @Arg('status', () => NumberStatus) status: NumberStatus,
    @Arg('cause', () => String, { nullable: true }) cause: string | null,
    @Ctx() ctx: SandboxContext,
  ): boolean {
    const emulator = emulatorOf(ctx);
    if (cause != null && !/^\d{1,2}$/.test(cause)) throw new UserInputError('cause', 'must be a platform cause code such as "2"');
    asUserError('number', () => {
      emulator.pushNumberStatus({ number, status: toWireStatus(status), cause: cause ?? undefined });
      return {};
    });
    return true;
  }
}
