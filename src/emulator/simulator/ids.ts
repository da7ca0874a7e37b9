import { randomBytes, randomInt } from 'node:crypto';

/** `yyyyMMddHHmmss` in UTC. */
export function compactTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

/**
 * Identifiers shaped like the platform's (push-api.md §1.6), unique within one emulator and, through a
 * random part, across restarts: a gateway that keeps pushes of an earlier run must not see a repeat.
 */
export class IdFactory {
  private seq = 0;
  private readonly run = randomInt(0, 2 ** 32);

  constructor(private readonly hostName: string) {}

  /** `1200_<seq>_<run>_<yyyyMMddHHmmss>@<host>`. */
  sessionId(nowMs: number): string {
    this.seq += 1;
    return `1200_${this.seq}_${this.run}_${compactTime(nowMs)}@${this.hostName}`;
  }

  /** `<32 hex>.<10 digits>.<9 digits>.5`, as in the platform's examples. */
  icid(): string {
    return `${randomBytes(16).toString('hex')}.${randomInt(1e9, 1e10 - 1)}.${randomInt(1e8, 1e9 - 1)}.5`;
  }

  /** `sms-<yyyyMMddHHmmss>-<seq>-<8 hex>` (String 1-64). */
  smsIdentifier(nowMs: number): string {
    this.seq += 1;
    return `sms-${compactTime(nowMs)}-${String(this.seq).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;
  }

  /** A recording file name: `<yyyyMMddHHmmss>_<seq>_<8 hex>.wav`. */
  recordingName(nowMs: number): string {
    this.seq += 1;
    return `${compactTime(nowMs)}_${this.seq}_${randomBytes(4).toString('hex')}.wav`;
  }
}
