import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorApp } from './processes';

/** The bench gateways' configuration file, written into `dir`: production mode over the emulator, anonymous access, limits raised so only speed limits. */
export function gatewayConfig(dir: string, emulatorUrl: string, apps: EmulatorApp[]): string {
  const file = join(dir, 'gateway.json');
  writeFileSync(
    file,
    JSON.stringify({
      platform: { baseUrl: emulatorUrl, maxConcurrency: 64, maxQueue: 10_000 },
      apps: apps.map((a) => ({ name: a.name, mode: a.mode, appKey: a.appKey, appSecret: a.appSecret, numbers: a.numbers, webhookAuth: 'enforce' })),
      auth: { allowAnonymous: true },
      limits: { maxSocketsPerClient: 100_000, maxOperationsPerSocket: 100, socketMessagesPerSecond: 100_000, clientOperationsPerSecond: 100_000, maxCost: 1_000_000 },
    }),
  );
  return file;
}
