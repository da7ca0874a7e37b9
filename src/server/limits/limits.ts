import type { Config, GraphqlConfig, LimitsConfig } from '../../config';
import { OperationRates } from './rate-limit';
import { ClientSockets } from './socket-limits';
import { type DocumentLimits, documentLimits } from './validation-rules';

/**
 * Every limit an operation meets, built once by the composition root and shared by both transports: the
 * document limits (tokens, depth, aliases, directives, introspection, suggestions), the cost limit, the
 * operation rates and the sockets per client.
 */
export interface GatewayLimits {
  config: LimitsConfig;
  graphql: GraphqlConfig;
  document: DocumentLimits;
  rates: OperationRates;
  sockets: ClientSockets;
}

export function createLimits(config: Pick<Config, 'limits' | 'graphql'>): GatewayLimits {
  return {
    config: config.limits,
    graphql: config.graphql,
    document: documentLimits(config.limits, config.graphql),
    rates: new OperationRates(config.limits),
    sockets: new ClientSockets(config.limits.maxSocketsPerClient),
  };
}
