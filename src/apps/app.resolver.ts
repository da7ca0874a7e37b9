import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { AppConfig } from '../config';
import { App, BindingMode } from './app.type';

/** What this feature needs from the per-request context. */
export interface AppsContext {
  /** Configured apps by name, in configuration order. */
  apps: ReadonlyMap<string, AppConfig>;
}

/** The public view of a configured app: name, mode and key, never the secret. */
export function toApp(app: Pick<AppConfig, 'name' | 'mode' | 'appKey'>): App {
  return { name: app.name, mode: BindingMode[app.mode], appKey: app.appKey };
}

@Resolver(() => App)
export class AppResolver {
  @Authorized()
  @Query(() => [App], { description: 'The platform applications this gateway is configured with, in configuration order.' })
  apps(@Ctx() ctx: AppsContext): App[] {
    return [...ctx.apps.values()].map(toApp);
  }
}
