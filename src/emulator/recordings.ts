import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';

export interface Recording {
  readonly fileName: string;
  readonly recordDomain: string;
  /** When the platform would have pushed the CDR (emulated epoch ms): the retention starts here. */
  readonly createdAtMs: number;
}

interface DownloadToken {
  readonly fileName: string;
  readonly expiresAtMs: number;
}

/** The recordings part of the emulator's state file. */
export interface RecordingsSnapshot {
  files: Recording[];
  tokens: Array<DownloadToken & { token: string }>;
}

/**
 * Recording files by (recordDomain, fileName). A file can be fetched for `retentionSeconds` after it was
 * made (rest-api.md §9: 7 days); each download URL carries a token valid for `urlSeconds` (3 days).
 */
export class RecordingStore {
  private readonly files = new Map<string, Recording>();
  private readonly tokens = new Map<string, DownloadToken>();

  constructor(
    private readonly clock: Clock,
    private readonly retentionSeconds: number,
    private readonly urlSeconds: number,
    /** Told after every new file or token (the state file saves then). */
    private readonly changed: () => void = () => undefined,
  ) {}

  /** Files and download tokens, for the state file. */
  snapshot(): RecordingsSnapshot {
    return { files: [...this.files.values()], tokens: [...this.tokens.entries()].map(([token, t]) => ({ token, ...t })) };
  }

  restore(snapshot: RecordingsSnapshot): void {
    for (const f of snapshot.files) this.files.set(keyOf(f.recordDomain, f.fileName), f);
    for (const { token, fileName, expiresAtMs } of snapshot.tokens) this.tokens.set(token, { fileName, expiresAtMs });
  }

  add(rec: { fileName: string; recordDomain: string; createdAtMs?: number }): Recording {
    const recording: Recording = { fileName: rec.fileName, recordDomain: rec.recordDomain, createdAtMs: rec.createdAtMs ?? this.clock.now() };
    this.files.set(keyOf(rec.recordDomain, rec.fileName), recording);
    this.changed();
    return recording;
  }

  /** The recording if it exists and is still within its retention. */
  find(fileName: string, recordDomain: string): Recording | undefined {
    const rec = this.files.get(keyOf(recordDomain, fileName));
    if (!rec) return undefined;
    return rec.createdAtMs + this.clock.scaled(this.retentionSeconds) > this.clock.now() ? rec : undefined;
  }

  /** A fresh download token for a file. */
  issueToken(rec: Recording): string {
    const token = randomBytes(12).toString('hex');
    this.tokens.set(token, { fileName: rec.fileName, expiresAtMs: this.clock.now() + this.clock.scaled(this.urlSeconds) });
    this.changed();
    return token;
  }

  /** Whether `token` was issued for `fileName` and is still valid. */
  checkToken(fileName: string, token: string): boolean {
    const t = this.tokens.get(token);
    return t !== undefined && t.fileName === fileName && t.expiresAtMs > this.clock.now();
  }
}

function keyOf(recordDomain: string, fileName: string): string {
  return `${recordDomain}\u0000${fileName}`;
}
