import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../shared/logger';
import { isInternalError } from './format-error';
import type { GatewayMetrics, Transport } from './metrics';

/** What one finished GraphQL operation reports, whatever the transport. */
export interface OperationReport {
  transport: Transport;
  operationName: string | null;
  /** query | mutation | subscription, or "unknown" when the document did not parse or validate. */
  operationType: string;
  durationMs: number;
  /** The errors as sent (formatted), paired with what was thrown, for the log. */
  errors: readonly { formatted: GraphQLFormattedError; original: unknown }[];
}

/**
 * One debug line per operation and a metric; masked (internal) errors at error level with the original
 * error and stack, public errors at warn. `logger` already carries the request id.
 */
export function reportOperation(logger: Logger, metrics: GatewayMetrics, report: OperationReport): void {
  const outcome = report.errors.length === 0 ? 'success' : 'error';
  metrics.operation(report.operationName, report.operationType, outcome, report.transport);
  for (const { formatted, original } of report.errors) {
    const fields = { operationName: report.operationName, path: formatted.path?.join('.'), code: formatted.extensions?.code };
    if (isInternalError(formatted)) logger.error({ ...fields, err: original }, 'GraphQL operation failed with an internal error');
    else logger.warn({ ...fields, message: formatted.message }, 'GraphQL operation answered with an error');
  }
  logger.debug(
    { transport: report.transport, operationName: report.operationName, operationType: report.operationType, outcome, durationMs: Math.round(report.durationMs) },
    'GraphQL operation',
  );
}
