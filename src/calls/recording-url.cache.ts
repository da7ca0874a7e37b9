import type { AppConfig } from '../config';
import type { PlatformClient } from '../platform';

/** A URL is reused until this long before it expires (the platform's URLs last three days). */
const REUSE_MARGIN_MS = 10 * 60 * 1000;
/** Most URLs kept; the oldest go first. */
const MAX_ENTRIES = 10_000;

/**
 * Download URLs of recordings (REC-1), asked for on demand and cached until shortly before they expire, so
 * repeated queries of one call do not ask the platform again. Concurrent asks for one file share one call.
 */
export class RecordingUrlCache {
  private readonly entries = new Map<string, Promise<{ url: string; expiresAt: Date }>>();

  constructor(
    private readonly platform: PlatformClient,
    private readonly now: () => Date,
  ) {}

  get(app: AppConfig, fileName: string, recordDomain: string): Promise<{ url: string; expiresAt: Date }> {
    const key = `${app.name}\n${fileName}\n${recordDomain}`;
    const cached = this.entries.get(key);
    if (cached) return cached;
    const pending = this.platform
      .app(app)
      .recordings.downloadUrl({ fileName, recordDomain })
      .then((r) => {
        const ttl = r.expiresAt.getTime() - this.now().getTime() - REUSE_MARGIN_MS;
        setTimeout(() => this.entries.delete(key), Math.max(0, ttl)).unref();
        return r;
      });
    pending.catch(() => this.entries.delete(key));
    this.entries.set(key, pending);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return pending;
  }
}
