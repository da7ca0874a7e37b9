import { createLogger, type Logger } from '../../src/shared/logger';

/** A real (masking) logger at `level` whose JSON lines are kept in `lines` for assertions. */
export function captureLogger(level: 'debug' | 'info' | 'warn' = 'debug'): { logger: Logger; lines: Record<string, unknown>[]; text(): string } {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = createLogger(level, {
    write(line: string) {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  return { logger, lines, text: () => raw.join('') };
}
