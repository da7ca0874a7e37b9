/** Requests received, by method and URI path (query excluded), for tests that count round trips. */
export class RequestCounter {
  private readonly counts = new Map<string, number>();

  record(method: string, path: string): void {
    const key = `${method} ${path}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Requests matching the filter; an absent field matches anything. Method is case-insensitive. */
  count(filter: { method?: string; uri?: string } = {}): number {
    const method = filter.method?.toUpperCase();
    let total = 0;
    for (const [key, n] of this.counts) {
      const space = key.indexOf(' ');
      const m = key.slice(0, space);
      const p = key.slice(space + 1);
      if ((method === undefined || m === method) && (filter.uri === undefined || p === filter.uri)) total += n;
    }
    return total;
  }

  reset(): void {
    this.counts.clear();
  }
}
