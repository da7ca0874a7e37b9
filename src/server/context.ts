import type { AppsContext } from '../apps/app.resolver';
import type { Principal } from '../auth/principal';
import type { BindingsContext } from '../bindings/binding.context';
import type { BindingDeps } from '../bindings/binding.deps';
import { createBindingLoader } from '../bindings/binding.loader';
import type { CallDeps, CallsContext } from '../calls/call.deps';
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
import { lazyProps } from '../shared/lazy';

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

export function createContextFactory(services: ContextServices): ContextFactory {
  const apps: ReadonlyMap<string, AppConfig> = new Map(services.config.apps.map((a) => [a.name, a]));
  const appNames: ReadonlySet<string> = new Set(apps.keys());
  const { sandbox, events, deadLetters } = services.features;
  return (requestId, transport, principal, signal = new AbortController().signal) => {
    const cache = transport === 'http';
    const platform = services.platform.withSignal(signal);
    // A principal limited to some apps gets services that know only those apps: creates choose among them,
    // platform lookups ask only them, and `apps` lists only them.
    const scoped = principal.apps === null ? { ...services.features, apps } : scopedServices(services.features, apps, principal.apps);
    const { numbers, sms } = scoped;
    let bindingsLogger: Logger | undefined;
    const bindings = {
      ...scoped.bindings,
      platform,
      get logger(): Logger {
        return (bindingsLogger ??= scoped.bindings.logger.child({ requestId }));
      },
    };
    let logger: Logger | undefined;
    const calls = { ...scoped.calls, platform };
    return {
      config: services.config,
      get logger(): Logger {
        return (logger ??= services.logger.child({ requestId, principal: principal.name }));
      },
      platform: services.platform,
      db: services.db,
      apps: scoped.apps,
      requestId,
      principal,
      appNames,
      signal,
      bindings,
      numbers,
      calls,
      sms,
      sandbox,
      events,
      deadLetters,
      // Built on first use: most operations need one or two loaders, a trivial query none.
      loaders: lazyProps<GatewayContext['loaders']>({
        binding: () => createBindingLoader(bindings, cache),
        numberUsage: () => createNumberUsageLoader(services.db, bindings.repo, numbers.repo, bindings.now, cache),
        bindingsByNumber: () => createBindingsByNumberLoader(services.db, bindings.repo, cache),
        ...callLoaderMakers(calls, services.db, bindings.repo, cache),
      }),
    };
  };
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
