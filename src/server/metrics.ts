import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Most distinct operation names kept as labels; later new names count as "other" (bounded cardinality). */
const MAX_OPERATION_NAMES = 200;

export type OperationOutcome = 'success' | 'error';
export type Transport = 'http' | 'ws';

/**
 * Prometheus metrics of one gateway instance, in its own registry (never prom-client's global one), so two
 * gateways in one process (tests) do not share counters. Served at GET /metrics.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly httpRequests = new Counter({
    name: 'gateway_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'Time from request start to response end, seconds, by route pattern.',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly operations = new Counter({
    name: 'gateway_graphql_operations_total',
    help: 'GraphQL operations finished, by operation name, type, outcome and transport.',
    labelNames: ['operation', 'type', 'outcome', 'transport'] as const,
    registers: [this.registry],
  });
  private readonly pushes = new Counter({
    name: 'gateway_webhook_pushes_total',
    help: 'Platform pushes received, by app, kind (callEvent, cdrBatch, sms, numberStatus) and outcome (stored, duplicate, deadLettered, rejected, failed).',
    labelNames: ['app', 'kind', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly deadLetters = new Counter({
    name: 'gateway_dead_letters_total',
    help: 'Signed pushes kept as dead letters (not parsable, naming another app, or refused by the database), by app and kind.',
    labelNames: ['app', 'kind'] as const,
    registers: [this.registry],
  });
  readonly wsConnections = new Gauge({
    name: 'gateway_ws_connections',
    help: 'Open graphql-ws connections.',
    registers: [this.registry],
  });
  private readonly purged = new Counter({
    name: 'gateway_retention_purged_rows_total',
    help: 'Rows deleted or emptied by the retention purge, by kind (callEvents, smsContent, eventLog, ...).',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly names = new Set<string>();
  private platformProbe: (() => Promise<boolean>) | null = null;
  /** 1 while the platform's REST API answers, 0 when not; probed on each scrape (the probe caches answers). */
  private readonly platformReachable = new Gauge({
    name: 'gateway_platform_reachable',
    help: 'Whether the platform REST API answered the last probe (1) or not (0); readiness does not depend on it.',
    registers: [this.registry],
    collect: async () => {
      if (this.platformProbe) this.platformReachable.set((await this.platformProbe()) ? 1 : 0);
    },
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  httpRequest(route: string, method: string, status: number, seconds: number): void {
    this.httpRequests.inc({ route, method, status: String(status) });
    this.httpDuration.observe({ route }, seconds);
  }

  operation(name: string | null, type: string, outcome: OperationOutcome, transport: Transport): void {
    this.operations.inc({ operation: this.label(name), type, outcome, transport });
  }

  retentionPurged(kind: string, rows: number): void {
    this.purged.inc({ kind }, rows);
  }

  deadLetter(app: string, kind: string): void {
    this.deadLetters.inc({ app, kind });
  }

  push(app: string, kind: string, outcome: string): void {
    this.pushes.inc({ app, kind, outcome });
  }

  /** Where `gateway_platform_reachable` gets its value at each scrape; until set, the gauge is absent of samples. */
  watchPlatform(probe: () => Promise<boolean>): void {
    this.platformProbe = probe;
  }

  /** Prometheus text exposition format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private label(name: string | null): string {
    if (!name) return 'anonymous';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
    this.names.add(name);
    return name;
  }
}
