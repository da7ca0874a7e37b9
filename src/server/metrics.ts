import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { type StreamObserver, SUBSCRIPTION_KINDS, type SubscriptionKind } from '../events/stream-observer';
import type { PlatformRequestReport } from '../platform/http';

/** Most distinct operation names kept as labels; later new names count as "other" (bounded cardinality). */
const MAX_OPERATION_NAMES = 200;

/** Most distinct platform result codes kept as labels. */
const MAX_RESULT_CODES = 100;

/** `AXB-1 bind` → `axb_1_bind`: the inventory name of a platform interface as a label value. */
export function operationLabel(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 48) || 'other';
}

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
    help: 'Pushes answered on /webhooks/*, by app ("unknown" when not configured), kind (callEvent, cdrBatch, sms, numberStatus, unknown), outcome (see PushOutcome) and HTTP status.',
    labelNames: ['app', 'kind', 'outcome', 'status'] as const,
    registers: [this.registry],
  });
  private readonly pushDuration = new Histogram({
    name: 'gateway_webhook_push_duration_seconds',
    help: 'Time from a push request\'s arrival to its answer, seconds, by app and kind.',
    labelNames: ['app', 'kind'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly platformRequests = new Counter({
    name: 'gateway_platform_requests_total',
    help: 'Platform REST attempts, by interface (e.g. axb_4_query) and result: the platform resultcode ("0" = success), http_<status> without one, or the transport failure (timeout, network, ...).',
    labelNames: ['operation', 'result'] as const,
    registers: [this.registry],
  });
  private readonly platformDuration = new Histogram({
    name: 'gateway_platform_request_duration_seconds',
    help: 'Time of one platform REST attempt, seconds, by interface.',
    labelNames: ['operation'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [this.registry],
  });
  private readonly subscriptions = new Gauge({
    name: 'gateway_subscriptions_active',
    help: 'Open GraphQL subscriptions, by subscription field (callEvents, callUpdated, callRecords, smsMessages, numberStatusChanged).',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly deliveryLag = new Histogram({
    name: 'gateway_event_delivery_lag_seconds',
    help: 'Time from an event-log entry\'s creation (the push stored) to its hand-over to a live subscriber, seconds, by subscription field; replayed entries are not counted.',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly logReadFailures = new Counter({
    name: 'gateway_event_log_read_failures_total',
    help: 'Reads of the event log for subscriptions that failed (the shared reader or a replay); each is retried with backoff, no subscription ends for it.',
    registers: [this.registry],
  });
  private readonly subscriptionsCut = new Counter({
    name: 'gateway_subscriptions_cut_total',
    help: 'Subscriptions cut because their client stalled: it took nothing while more than limits.subscriptionBufferEntries events piled up (socket closed with 4008), by subscription field.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly subscriptionExecutions = new Counter({
    name: 'gateway_subscription_executions_total',
    help: 'Executions of a subscription selection set for one event, by subscription field: identical live subscriptions (same document, variables and view) share one execution per event.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly subscriptionDeliveries = new Counter({
    name: 'gateway_subscription_deliveries_total',
    help: 'Subscription results written to sockets, by subscription field; divided by gateway_subscription_executions_total it is how many subscribers share an execution.',
    labelNames: ['kind'] as const,
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
  private readonly apps: ReadonlySet<string>;
  private readonly resultCodes = new Set<string>();
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

  /** `apps`: the configured app names; any other name (from a request path) is counted as "unknown". */
  private circuit: (() => string) | null = null;
  /** 1 while the circuit to the platform is open (calls refused without being sent), else 0; read at each scrape. */
  private readonly circuitOpen = new Gauge({
    name: 'gateway_platform_circuit_open',
    help: 'Whether the circuit breaker to the platform is open (1: calls fail at once without being sent) or not (0).',
    registers: [this.registry],
    collect: () => {
      if (this.circuit) this.circuitOpen.set(this.circuit() === 'open' ? 1 : 0);
    },
  });

  constructor(options: { processMetrics?: boolean; apps?: readonly string[] } = {}) {
    this.apps = new Set(options.apps ?? []);
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    for (const kind of SUBSCRIPTION_KINDS) this.subscriptions.set({ kind }, 0);
    for (const kind of SUBSCRIPTION_KINDS) {
      this.subscriptionExecutions.inc({ kind }, 0);
      this.subscriptionDeliveries.inc({ kind }, 0);
    }
  }

  /** What live event streams report: opened and ended subscriptions, and the lag of each live delivery. */
  readonly streams: StreamObserver = {
    opened: (kind) => this.subscriptions.inc({ kind }),
    ended: (kind) => this.subscriptions.dec({ kind }),
    delivered: (kind, createdAt) => this.deliveryLag.observe({ kind }, Math.max(0, (Date.now() - Date.parse(createdAt)) / 1000)),
    readFailed: () => this.logReadFailures.inc(),
    cut: (kind) => this.subscriptionsCut.inc({ kind }),
  };

  /** One execution of a subscription's selection set for an event, and the `deliveries` written from it. */
  subscriptionExecuted(kind: SubscriptionKind, deliveries: number): void {
    this.subscriptionExecutions.inc({ kind });
    this.subscriptionDeliveries.inc({ kind }, deliveries);
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

  /** One push answered: `seconds` from its arrival to the answer. */
  pushAnswered(answer: { app: string; kind: string; outcome: string; status: number }, seconds: number): void {
    const app = this.apps.has(answer.app) ? answer.app : 'unknown';
    this.pushes.inc({ app, kind: answer.kind, outcome: answer.outcome, status: String(answer.status) });
    this.pushDuration.observe({ app, kind: answer.kind }, seconds);
  }

  /** One platform REST attempt (the platform client's `onRequest` hook). */
  platformRequest(report: PlatformRequestReport): void {
    const operation = operationLabel(report.operation);
    this.platformRequests.inc({ operation, result: this.resultLabel(report.result) });
    this.platformDuration.observe({ operation }, report.seconds);
  }

  /** Where `gateway_platform_reachable` gets its value at each scrape; until set, the gauge is absent of samples. */
  watchPlatform(probe: () => Promise<boolean>): void {
    this.platformProbe = probe;
  }

  /** Where `gateway_platform_circuit_open` reads the circuit's state (`closed`, `open`, `half-open`). */
  watchCircuit(state: () => string): void {
    this.circuit = state;
  }

  /** Prometheus text exposition format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Platform result codes are a finite list; anything odd (or past the bound) counts as "other". */
  private resultLabel(result: string): string {
    if (this.resultCodes.has(result)) return result;
    if (this.resultCodes.size >= MAX_RESULT_CODES || !/^[A-Za-z0-9_-]{1,32}$/.test(result)) return 'other';
    this.resultCodes.add(result);
    return result;
  }

  private label(name: string | null): string {
    if (!name) return 'anonymous';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
    this.names.add(name);
    return name;
  }
}
