import { startEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator/emulator';
import type { PushRecord } from '../../../src/emulator/emulator';
import type { EmulatorSeed, SeedApp, SeedMode } from '../../../src/emulator/seed';
import type { CallEventBody } from '../../../src/platform/push-wire';
import { signedClient, type SignedClient } from '../../helpers/emulator-http';
import { manualClock, type ManualClock } from './fixture';
import { startPushReceiver, type PushReceiver } from './push-receiver';

/** A (bound user), B (peer) and strangers: fictional mobile numbers. */
export const A = '+8613800138000';
export const B = '+8613900139000';
export const C = '+8613700137000';
export const D = '+8613600136000';

const app = (name: string, mode: SeedMode, prefix: string, receiverUrl: string, extra: Partial<SeedApp> = {}): SeedApp => ({
  name,
  mode,
  appKey: `${name}-key`,
  appSecret: `${name}-secret`,
  numbers: [1, 2, 3, 4].map((i) => ({ number: `+86${prefix}0000${i}`, cityCode: '0755' })),
  push: { default: `${receiverUrl}/webhooks/${name}`, smsBlock: `${receiverUrl}/block/${name}` },
  ...extra,
});

/** One app per mode pushing to the receiver; time runs 1000 times faster (a 30 s call lasts 30 ms). */
export function simulatorSeed(receiverUrl: string, timeScale = 0.001): EmulatorSeed {
  return {
    timeScale,
    apps: [
      app('s-axb', 'AXB', '171000', receiverUrl),
      app('s-ax', 'AX', '171100', receiverUrl),
      app('s-axe', 'AXE', '171200', receiverUrl, { extensionLength: 3 }),
      app('s-axyb', 'AXYB', '171300', receiverUrl),
    ],
  };
}

export interface SimulatorTest {
  emulator: Emulator;
  receiver: PushReceiver;
  clock: ManualClock;
  seed: EmulatorSeed;
  client(name: string): SignedClient;
  numbers(name: string): string[];
  stop(): Promise<void>;
}

/**
 * Starts a receiver, then an emulator on a manual clock seeded with `simulatorSeed` (after `tweakSeed`).
 * CDR batches close after 20 ms unless the options say otherwise, to keep the files fast.
 */
export async function startSimulatorTest(options: Partial<EmulatorOptions> = {}, tweakSeed: (seed: EmulatorSeed) => void = () => undefined): Promise<SimulatorTest> {
  const receiver = await startPushReceiver();
  const clock = manualClock();
  const seed = simulatorSeed(receiver.url);
  tweakSeed(seed);
  const simulator = { cdrBatchWindowMs: 20, ...options.simulator };
  const emulator = await startEmulator({ now: clock.now, auth: { lockoutThreshold: 0 }, ...options, simulator, seed });
  const find = (name: string): SeedApp => seed.apps.find((a) => a.name === name) ?? fail(`no app ${name}`);
  return {
    emulator,
    receiver,
    clock,
    seed,
    client: (name) => signedClient(emulator.baseUrl, find(name), clock.now),
    numbers: (name) => find(name).numbers.map((n) => n.number),
    stop: async () => {
      await emulator.stop();
      await receiver.close();
    },
  };
}

/** The call events of one session as [eventType, caller, called] rows, in push order. */
export function eventRows(records: readonly PushRecord[]): Array<[string, string | undefined, string | undefined]> {
  return records
    .filter((r) => r.kind === 'callStatus')
    .map((r) => {
      const body = r.body as CallEventBody;
      return [body.eventType, body.statusInfo?.caller, body.statusInfo?.called];
    });
}

export function statusInfos(records: readonly PushRecord[]): NonNullable<CallEventBody['statusInfo']>[] {
  return records.filter((r) => r.kind === 'callStatus').map((r) => (r.body as CallEventBody).statusInfo!);
}

function fail(message: string): never {
  throw new Error(message);
}
