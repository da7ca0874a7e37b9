// First: sets NODE_ENV before any module below loads graphql (it reads NODE_ENV once, at load).
import './production-mode';
import 'reflect-metadata';
import { type Config, loadConfig } from './config';
import { ConfigError } from './errors';
import { createGateway } from './gateway';
import { usePrettyLogs } from './shared/log-pretty';
import { createLogger, stdoutDestination } from './shared/logger';
import { DataDirLockedError } from './store/data-dir-lock';

/**
 * Process entry (`npm start`): configuration → gateway → start; SIGTERM/SIGINT → graceful stop.
 * Exit codes: 0 after a clean stop, 1 for bad configuration, a DATA_DIR or port held by another process, or a
 * failed start or stop.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // Pretty lines for a person at a terminal (LOG_FORMAT=auto), JSON for whatever else reads stdout.
  const stdout = stdoutDestination();
  const logger = createLogger(config.logLevel, stdout, { pretty: usePrettyLogs(config.logFormat, process.stdout.isTTY === true) });
  const gateway = createGateway(config, { logger });
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    gateway.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    // One write on the logger's own stream, so it follows the "gateway ready" line and no log line splits it.
    const { banner } = await gateway.start();
    stdout.write(`${banner}\n`);
  } catch (err) {
    // A taken DATA_DIR or port is an operator's mistake, said plainly on stderr like a configuration error.
    const inUse = portInUse(err, config);
    if (err instanceof DataDirLockedError) process.stderr.write(`${err.message}\n`);
    else if (inUse !== null) process.stderr.write(`${inUse}\n`);
    else logger.fatal({ err }, 'start failed');
    process.exit(1);
  }
}

/** The one line that says which configured port another program holds, or null when `err` is not that. */
function portInUse(err: unknown, config: Config): string | null {
  const e = err as { code?: unknown; port?: unknown } | null;
  if (e?.code !== 'EADDRINUSE') return null;
  const port = typeof e.port === 'number' ? e.port : config.http.port;
  if (config.metrics.port !== null && port === config.metrics.port && port !== config.http.port) {
    return `metrics.port ${port} is in use (another gateway or program listens there); set metrics.port in GATEWAY_CONFIG to another port`;
  }
  return `PORT ${port} is in use (another gateway or program listens there); set PORT to another port`;
}

void main();
