import type { AppsContext } from '../apps/app.resolver';
import type { Principal } from '../auth/principal';
import type { BindingsContext } from '../bindings/binding.context';
import type { BindingDeps } from '../bindings/binding.deps';
import { createBindingLoader } from '../bindings/binding.loader';
import type { CallDeps, CallLoaders, CallsContext } from '../calls/call.deps';
import type { DeadLettersContext } from '../dead-letters/dead-letter.resolver';
import type { DeadLetterService } from '../dead-letters/dead-letter.service';
import type { EventsContext } from '../events/subscribe';
import { callLoaderMakers } from '../calls/call.loaders';
import type { AppConfig, Config } from '../config';
import type { NumberDeps, NumbersContext } from '../numbers/privacy-number.deps';
import { createBindingsByNumberLoader, createNumberUsageLoader } from '../numbers/privacy-number.loader';
import type { PlatformClient } from '../platform';
import type { SandboxContext } from '../sandbox/sandbox.resolver';
import type { Logger } from '../shared/logger';
import type { SmsContext, SmsDeps } from '../sms/sms.service';
import type { Db } from '../store/db';

/**
 * The per-operation GraphQL context, the same for HTTP and WebSocket operations. Built in one place
 * (`createContextFactory`); features read what they need through their own `*Context` interfaces.
 * graphql-ws builds it once per subscription, so its loaders do not cache: a long subscription must see
 * fresh data on every event.
 */
export interface GatewayContext extends AppsContext, EventsContext, BindingsContext, NumbersContext, CallsContext, SmsContext, SandboxContext, DeadLettersContext {
  config: Config;
  /** A child logger carrying `requestId`. */
  logger: Logger;
  platform: PlatformClient;
  db: Db;
  /** From a sane `x-request-id` header, else generated; HTTP answers echo it, logs carry it. */
  requestId: string;
  /** Who is calling, authenticated by the transport before the operation runs. */
  principal: Principal;
  /**
   * Aborted when the operation's deadline passes or its client goes away (closed request, socket or
   * subscription). Platform calls made through `bindings`/`calls` carry it already.
   */
  signal: AbortSignal;
  loaders: BindingsContext['loaders'] & NumbersContext['loaders'] & CallsContext['loaders'];
}

/** The long-lived services of every feature; built once by the composition root. */
export interface FeatureServices {
  bindings: BindingDeps;
  numbers: NumberDeps;
  calls: CallDeps;
  sms: SmsDeps;
  sandbox: SandboxContext['sandbox'];
  events: EventsContext['events'];
  deadLetters: DeadLetterService;
}

/** The long-lived objects a context is built from; owned by the composition root. */
export interface ContextServices {
  config: Config;
  logger: Logger;
  platform: PlatformClient;
  db: Db;
  features: FeatureServices;
}

/** `ws` contexts live as long as a subscription: their loaders batch but do not cache. */
export type Transport = 'http' | 'ws';

/** `signal`: the operation's abort signal (server/limits/operation-signal.ts); none means never aborted. */
export type ContextFactory = (requestId: string, transport: Transport, principal: Principal, signal?: AbortSignal) => GatewayContext;

/** What a context's loaders are built from, per operation. */
interface LoaderInput {
  bindings: BindingDeps;
  numbers: NumberDeps;
  calls: CallDeps;
  db: Db;
  /** `http`: loaders cache for the operation; `ws`: they only batch. */
  cache: boolean;
}

type Loaders = GatewayContext['loaders'];

/**
 * The operation's loaders, each built on first read and kept for the operation: most operations need one or
 * two, a trivial query none, and a subscription's context lives as long as the subscription.
 */
class OperationLoaders implements Loaders {
  private readonly made: Partial<Loaders> = {};

  constructor(private readonly input: LoaderInput) {}

  get binding(): Loaders['binding'] {
    return (this.made.binding ??= createBindingLoader(this.input.bindings, this.input.cache));
  }

  get numberUsage(): Loaders['numberUsage'] {
    const i = this.input;
    return (this.made.numberUsage ??= createNumberUsageLoader(i.db, i.bindings.repo, i.numbers.repo, i.bindings.now, i.cache));
  }

  get bindingsByNumber(): Loaders['bindingsByNumber'] {
    return (this.made.bindingsByNumber ??= createBindingsByNumberLoader(this.input.db, this.input.bindings.repo, this.input.cache));
  }

  get bindingMirror(): Loaders['bindingMirror'] {
    return (this.made.bindingMirror ??= this.callLoader('bindingMirror'));
  }

  get callEvents(): Loaders['callEvents'] {
    return (this.made.callEvents ??= this.callLoader('callEvents'));
  }

  get callsByBinding(): Loaders['callsByBinding'] {
    return (this.made.callsByBinding ??= this.callLoader('callsByBinding'));
  }

  get callRecord(): Loaders['callRecord'] {
    return (this.made.callRecord ??= this.callLoader('callRecord'));
  }

  get recordingUrl(): Loaders['recordingUrl'] {
    return (this.made.recordingUrl ??= this.callLoader('recordingUrl'));
  }

  private callLoader<K extends keyof CallLoaders>(key: K): CallLoaders[K] {
    const i = this.input;
    return callLoaderMakers(i.calls, i.db, i.bindings.repo, i.cache)[key]();
  }
}

export function createContextFactory(services: ContextServices): ContextFactory {
  const apps: ReadonlyMap<string, AppConfig> = new Map(services.config.apps.map((a) => [a.name, a]));
  const appNames: ReadonlySet<string> = new Set(apps.keys());
  const shared = { services, apps, appNames };
  return (requestId, transport, principal, signal = new AbortController().signal) => new OperationContext(shared, requestId, transport, principal, signal);
}

/**
 * One operation's context. A class, not an object literal with getters, so that every context has one
 * shape and its lazy parts (the loggers, the loaders) are prototype getters V8 inlines. Plain (not `#`)
 * fields: Apollo's `executeOperation` copies a context's own properties onto an object of its prototype.
 */
class OperationContext implements GatewayContext {
  readonly config: Config;
  readonly platform: PlatformClient;
  readonly db: Db;
  readonly apps: ReadonlyMap<string, AppConfig>;
  readonly appNames: ReadonlySet<string>;
  readonly bindings: BindingDeps;
  readonly numbers: NumberDeps;
  readonly calls: CallDeps;
  readonly sms: SmsDeps;
  readonly sandbox: SandboxContext['sandbox'];
  readonly events: EventsContext['events'];
  readonly deadLetters: DeadLetterService;
  readonly loaders: GatewayContext['loaders'];
  private madeLogger: Logger | undefined = undefined;
  private readonly rootLogger: Logger;

  constructor(
    shared: { services: ContextServices; apps: ReadonlyMap<string, AppConfig>; appNames: ReadonlySet<string> },
    readonly requestId: string,
    transport: Transport,
    readonly principal: Principal,
    readonly signal: AbortSignal,
  ) {
    const { services } = shared;
    const features = services.features;
    const platform = services.platform.withSignal(signal);
    // A principal limited to some apps gets services that know only those apps: creates choose among them,
    // platform lookups ask only them, and `apps` lists only them.
    const scoped = principal.apps === null ? { ...features, apps: shared.apps } : scopedServices(features, shared.apps, principal.apps);
    this.config = services.config;
    this.rootLogger = services.logger;
    this.platform = services.platform;
    this.db = services.db;
    this.apps = scoped.apps;
    this.appNames = shared.appNames;
    this.bindings = new OperationBindings(scoped.bindings, platform, requestId);
    this.numbers = scoped.numbers;
    this.calls = { ...scoped.calls, platform };
    this.sms = scoped.sms;
    this.sandbox = features.sandbox;
    this.events = features.events;
    this.deadLetters = features.deadLetters;
    this.loaders = new OperationLoaders({ bindings: this.bindings, numbers: this.numbers, calls: this.calls, db: services.db, cache: transport === 'http' });
  }

  /** A child logger carrying `requestId` and the principal, made on first use. */
  get logger(): Logger {
    return (this.madeLogger ??= this.rootLogger.child({ requestId: this.requestId, principal: this.principal.name }));
  }
}

/** The bindings services for one operation: its abort signal on platform calls, its request id in logs. */
class OperationBindings implements BindingDeps {
  readonly db: Db;
  readonly apps: BindingDeps['apps'];
  readonly repo: BindingDeps['repo'];
  readonly idempotency: BindingDeps['idempotency'];
  readonly now: BindingDeps['now'];
  private madeLogger: Logger | undefined = undefined;
  private readonly rootLogger: Logger;

  constructor(
    deps: BindingDeps,
    readonly platform: BindingDeps['platform'],
    private readonly requestId: string,
  ) {
    this.db = deps.db;
    this.apps = deps.apps;
    this.repo = deps.repo;
    this.idempotency = deps.idempotency;
    this.now = deps.now;
    this.rootLogger = deps.logger;
  }

  get logger(): Logger {
    return (this.madeLogger ??= this.rootLogger.child({ requestId: this.requestId }));
  }
}

/** The app-aware services and the `apps` map, limited to the apps in `scope`. */
function scopedServices(
  features: FeatureServices,
  apps: ReadonlyMap<string, AppConfig>,
  scope: ReadonlySet<string>,
): Pick<FeatureServices, 'bindings' | 'numbers' | 'calls' | 'sms'> & AppsContext {
  const only = (list: readonly AppConfig[]) => list.filter((a) => scope.has(a.name));
  const { bindings, numbers, calls, sms } = features;
  return {
    apps: new Map([...apps].filter(([name]) => scope.has(name))),
    bindings: { ...bindings, apps: only(bindings.apps) },
    numbers: { ...numbers, apps: only(numbers.apps) },
    calls: { ...calls, apps: only(calls.apps) },
    sms: { ...sms, apps: only(sms.apps) },
  };
}
