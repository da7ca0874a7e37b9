import type { AppsContext } from '../apps/app.resolver';
import type { AppConfig, Config } from '../config';
import type { PlatformClient } from '../platform';
import type { Logger } from '../shared/logger';
import type { Db } from '../store/db';

/**
 * The per-operation GraphQL context, the same for HTTP and WebSocket operations. Built in one place
 * (`createContextFactory`); features read what they need through their own `*Context` interfaces.
 * graphql-ws builds it once per subscription, so nothing here may cache per-request data for long.
 */
export interface GatewayContext extends AppsContext {
  config: Config;
  /** A child logger carrying `requestId`. */
  logger: Logger;
  platform: PlatformClient;
  db: Db;
  /** From a sane `x-request-id` header, else generated; HTTP answers echo it, logs carry it. */
  requestId: string;
}

/** The long-lived objects a context is built from; owned by the composition root. */
export interface ContextServices {
  config: Config;
  logger: Logger;
  platform: PlatformClient;
  db: Db;
}

export type ContextFactory = (requestId: string) => GatewayContext;

export function createContextFactory(services: ContextServices): ContextFactory {
  const apps: ReadonlyMap<string, AppConfig> = new Map(services.config.apps.map((a) => [a.name, a]));
  return (requestId) => ({
    config: services.config,
    logger: services.logger.child({ requestId }),
    platform: services.platform,
    db: services.db,
    apps,
    requestId,
  });
}
