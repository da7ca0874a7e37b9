import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../../shared/logger';
import type { Authenticator } from '../auth/authenticator';
import type { IpLockout } from '../auth/lockout';
import type { Clock } from '../clock';
import type { EmulatorConfig } from '../emulator-config';
import { RECORDINGS_PATH } from '../modes/call.routes';
import { fail, RESULT, ResultError } from '../result';
import type { AppState, EmulatorState } from '../state';
import { silentAlawWav } from '../wav';
import type { ApiRoute } from './handler';
import { Params } from './params';
import { refuse, type Reply } from './reply';
import { rawParams } from './request-params';
import type { Router } from './router';

/** One request as the pipeline sees it: already read, transport-free. */
export interface IncomingCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  ip: string;
  /** `http://host:port` the client addressed. */
  origin: string;
}

export interface PipelineDeps {
  router: Router;
  authenticator: Authenticator;
  lockout: IpLockout;
  state: EmulatorState;
  clock: Clock;
  config: EmulatorConfig;
  logger: Logger;
}

/**
 * The platform's request handling after transport and faults: route (404) → IP lock-out (1020176) →
 * authentication (failures count toward the lock-out) → API mode (1010040) → purge expired bindings →
 * parameters → handler. Synchronous, so one request's read-check-write is atomic.
 */
export class Pipeline {
  constructor(private readonly deps: PipelineDeps) {}

  handle(call: IncomingCall): Reply {
    if (call.method === 'GET' && call.path.startsWith(RECORDINGS_PATH)) return this.download(call);
    const route = this.deps.router.find(call.method, call.path);
    if (!route) return { kind: 'empty', status: 404 };
    try {
      return this.run(route, call);
    } catch (err) {
      if (err instanceof ResultError) return refuse(err.result, route.contentType);
      this.deps.logger.error({ err, method: call.method, path: call.path }, 'emulator handler failed');
      return refuse(RESULT.internalError);
    }
  }

  private run(route: ApiRoute, call: IncomingCall): Reply {
    const { state, clock, config } = this.deps;
    if (this.deps.lockout.isLocked(call.ip)) fail(RESULT.ipLocked);
    const app = this.authenticate(call);
    if (!route.modes.includes(app.mode)) fail(RESULT.apiNotAllowed);
    state.purgeExpired();
    const params = new Params(rawParams(call.method, call.query, call.body), config.numberPattern);
    const query = new Params(Object.fromEntries(call.query.entries()), config.numberPattern);
    const reply = route.handler({ app, params, query, clock, config, state, origin: call.origin });
    // Handlers change bindings in place; reads (GET) change nothing that purging cannot recompute.
    if (call.method !== 'GET') state.changed();
    return reply.kind === 'json' && route.contentType ? { ...reply, contentType: route.contentType } : reply;
  }

  private authenticate(call: IncomingCall): AppState {
    try {
      return this.deps.authenticator.authenticate(call.headers);
    } catch (err) {
      if (err instanceof ResultError) this.deps.lockout.recordFailure(call.ip);
      throw err;
    }
  }

  /** The download URL handed out by the recording interface: a tiny WAV while the token is valid. */
  private download(call: IncomingCall): Reply {
    let fileName: string;
    try {
      fileName = decodeURIComponent(call.path.slice(RECORDINGS_PATH.length));
    } catch {
      return { kind: 'empty', status: 404 };
    }
    const token = call.query.get('token') ?? '';
    if (!this.deps.state.recordings.checkToken(fileName, token)) return { kind: 'empty', status: 404 };
    return { kind: 'binary', status: 200, contentType: 'audio/wav', body: silentAlawWav() };
  }
}
