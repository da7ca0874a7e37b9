import { axRoutes } from '../modes/ax.routes';
import { axbRoutes } from '../modes/axb.routes';
import { axeRoutes } from '../modes/axe.routes';
import { axybRoutes } from '../modes/axyb.routes';
import { callRoutes } from '../modes/call.routes';
import type { ApiRoute } from './handler';

/** Every platform interface of rest-api.md §0, by method + URI path. Anything else is a 404. */
export class Router {
  private readonly routes = new Map<string, ApiRoute>();

  constructor(routes: readonly ApiRoute[] = [...axbRoutes, ...axRoutes, ...axeRoutes, ...axybRoutes, ...callRoutes]) {
    for (const route of routes) this.routes.set(`${route.method} ${route.uri}`, route);
  }

  find(method: string, path: string): ApiRoute | undefined {
    return this.routes.get(`${method} ${path}`);
  }
}
