import type { AppsContext } from '../apps/app.resolver';
import type { BindingsContext } from '../bindings/binding.context';
import type { BindingDeps } from '../bindings/binding.deps';
import { createBindingLoader } from '../bindings/binding.loader';
import type { CallDeps, CallsContext } from '../calls/call.deps';
import type { EventsContext } from '../events/subscribe';
import { createCallLoaders } from '../calls/call.loaders';
import type { AppConfig, Config } from '../config';
import type { NumberDeps, NumbersContext } from '../numbers/privacy-number.deps';
import { createNumberUsageLoader } from '../numbers/privacy-number.loader';
import type { PlatformClient } from '../platform';
import type { SandboxContext } from '../sandbox/sandbox.resolver';
import type { Logger } from '../shared/logger';
import type { SmsContext, SmsDeps } from '../sms/sms.resolver';
import type { Db } from '../store/db';

/**
 * The per-operation GraphQL context, the same for HTTP and WebSocket operations. Built in one place
 * (`createContextFactory`); features read what they need through their own `*Context` interfaces.
 * graphql-ws builds it once per subscription, so its loaders do not cache: a long subscription must see
 * fresh data on every event.
 */
export interface GatewayContext extends AppsContext, EventsContext, BindingsContext, NumbersContext, CallsContext, SmsContext, SandboxContext {
  config: Config;
  /** A child logger carrying `requestId`. */
  logger: Logger;
  platform: PlatformClient;
  db: Db;
  /** From a sane `x-request-id` header, else generated; HTTP answers echo it, logs carry it. */
  requestId: string;
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
export type ContextFactory = (requestId: string, transport?: Transport, signal?: AbortSignal) => GatewayContext;

export function createContextFactory(services: ContextServices): ContextFactory {
  const apps: ReadonlyMap<string, AppConfig> = new Map(services.config.apps.map((a) => [a.name, a]));
  const { numbers, sms, sandbox, events } = services.features;
  return (requestId, transport = 'http', signal = new AbortController().signal) => {
    const cache = transport === 'http';
    const platform = services.platform.withSignal(signal);
    const bindings = { ...services.features.bindings, platform };
    const calls = { ...services.features.calls, platform };
    return {
      config: services.config,
      logger: services.logger.child({ requestId }),
      platform: services.platform,
      db: services.db,
      apps,
      requestId,
      signal,
      bindings,
      numbers,
      calls,
      sms,
      sandbox,
      events,
      loaders: {
        binding: createBindingLoader(bindings, cache),
        numberUsage: createNumberUsageLoader(services.db, bindings.repo, numbers.repo, bindings.now, cache),
        ...createCallLoaders(calls, services.db, bindings.repo, cache),
      },
    };
  };
}
