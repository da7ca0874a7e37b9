import { Authorized, Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { ErrorCode, GatewayError, UserInputError } from '../errors';
import type { Emulator, SimulationError } from '../emulator/emulator';
import { requestCall, requestNumberStatus, requestSms } from '../emulator/simulator/simulation-requests';
import { NumberStatus } from '../numbers/number-status';
import { PhoneNumberScalar } from '../shared/scalars';
import { SimulateCallInput, SimulatedCall, SimulateSmsInput } from './sandbox.type';

/** Present in the context only in sandbox mode. */
export interface SandboxContext {
  sandbox: { emulator: Emulator } | null;
}

function emulatorOf(ctx: SandboxContext): Emulator {
  if (!ctx.sandbox) throw new GatewayError(ErrorCode.Forbidden, 'simulations exist only in sandbox mode');
  return ctx.sandbox.emulator;
}

/**
 * The emulator checks the request (emulator/simulator/simulation-requests.ts, shared with its control
 * endpoint) and refuses what it cannot play (unknown number, no SMS in this mode): bad input here, on the
 * field it names (`prefix` + field), else on `fallback`.
 */
function asUserError<T>(prefix: string, fallback: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new UserInputError(`${prefix}${(err as SimulationError).field ?? fallback}`, (err as Error).message);
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
  simulateCall(@Arg('input', () => SimulateCallInput, { description: 'Who calls which number and how the call goes. Errors: BAD_USER_INPUT naming the field.' }) input: SimulateCallInput, @Ctx() ctx: SandboxContext): SimulatedCall {
    const emulator = emulatorOf(ctx);
    const r = asUserError('input.', 'to', () => requestCall(emulator, input));
    return { sessionId: r.sessionId };
  }

  @Authorized('operator')
  @Mutation(() => Boolean, { description: 'Sandbox only. Sends an SMS to a privacy number on the embedded platform.' })
  simulateSms(@Arg('input', () => SimulateSmsInput, { description: 'Who texts which number, and what. Errors: BAD_USER_INPUT naming the field (e.g. no SMS in this mode).' }) input: SimulateSmsInput, @Ctx() ctx: SandboxContext): boolean {
    const emulator = emulatorOf(ctx);
    asUserError('input.', 'to', () => requestSms(emulator, input));
    return true;
  }

  @Authorized('operator')
  @Mutation(() => Boolean, { description: 'Sandbox only. The embedded platform pushes a number-status change for this number.' })
  simulateNumberStatus(
    @Arg('number', () => PhoneNumberScalar, { description: 'A privacy number of the embedded platform. Errors: BAD_USER_INPUT when it has no such number.' }) number: string,
    @Arg('status', () => NumberStatus, { description: 'The status the push announces.' }) status: NumberStatus,
    @Arg('cause', () => String, { nullable: true, description: 'The platform cause code to push, e.g. "2" (arrears); null = none.' }) cause: string | null,
    @Ctx() ctx: SandboxContext,
  ): boolean {
    const emulator = emulatorOf(ctx);
    asUserError('', 'number', () => requestNumberStatus(emulator, { number, status, cause }));
    return true;
  }
}
