import type { Clock } from '../clock';
import type { EmulatorConfig } from '../emulator-config';
import type { SeedMode } from '../seed';
import type { AppState, EmulatorState } from '../state';
import type { Params } from './params';
import type { Reply } from './reply';

/** What a platform interface handler gets: the authenticated app and the request's parameters. */
export interface HandlerContext {
  readonly app: AppState;
  /** POST/PUT: the JSON body. GET/DELETE: the URL query (plus, leniently for DELETE, a JSON body). */
  readonly params: Params;
  /** The URL query alone (AXYB's `app_key` rides there on every method). */
  readonly query: Params;
  readonly clock: Clock;
  readonly config: EmulatorConfig;
  readonly state: EmulatorState;
  /** `http://host:port` as the client addressed the emulator, for URLs in answers. */
  readonly origin: string;
}

/** Handlers run synchronously, so each request sees and changes the state atomically. */
export type Handler = (ctx: HandlerContext) => Reply;

/** One platform interface: method + URI, the app modes allowed to call it (else 1010040), its handler. */
export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly uri: string;
  readonly modes: readonly SeedMode[];
  readonly handler: Handler;
  /** Content type of every answer on this route; JSON unless documented otherwise. */
  readonly contentType?: string;
}
