import type { ConnectionInitMessage, Context } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { WebSocket } from 'ws';
import type { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import type { Logger } from '../shared/logger';

/** What `onConnect` needs of a socket's state: where the principal goes, and the id its logs carry. */
export interface AuthenticatedSocket {
  connectionId: string;
  /** Authenticated once in `onConnect` from `connectionParams.authorization`; null until then. */
  principal: Principal | null;
}

/**
 * graphql-ws's `onConnect`: authenticates `connectionParams.authorization` once per socket and keeps the
 * principal in the socket's state. Closes with 4401 when the credential is missing or bad, 4403 (graphql-ws,
 * on `false`) when it is valid but may not connect.
 */
export function authenticateConnection(
  authenticator: Authenticator,
  logger: Logger,
  socketState: (socket: WebSocket) => AuthenticatedSocket | undefined,
): (ctx: Context<ConnectionInitMessage['payload'], Extra>) => Promise<boolean> {
  return async (ctx) => {
    const raw = ctx.connectionParams?.authorization;
    const auth = await authenticator.authenticate(typeof raw === 'string' ? raw : undefined);
    const state = socketState(ctx.extra.socket);
    if (auth.ok && state) {
      state.principal = auth.principal;
      return true;
    }
    logger.info({ requestId: state?.connectionId, reason: auth.ok ? 'unknown socket' : auth.reason }, 'WebSocket connection refused');
    if (!auth.ok && auth.reason === 'unauthenticated') ctx.extra.socket.close(4401, 'Unauthorized');
    return false;
  };
}

/** Whether the principal's credential has run out. */
export function expired(principal: Principal): boolean {
  return principal.expiresAt !== null && principal.expiresAt.getTime() <= Date.now();
}
