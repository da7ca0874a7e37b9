import { createLogger } from '../../../src/shared/logger';
import { formatPrettyLine, usePrettyLogs } from '../../../src/shared/log-pretty';

/** A pretty logger whose output is kept as text. */
function prettyCapture(): { log: ReturnType<typeof createLogger>; text: () => string } {
  const chunks: string[] = [];
  const log = createLogger('info', { write: (s: string) => void chunks.push(s) }, { pretty: true });
  return { log, text: () => chunks.join('') };
}

describe('pretty log lines (a terminal)', () => {
  it('formats level, time, message and key=value, one line per entry', () => {
    const c = prettyCapture();
    c.log.info({ url: 'http://127.0.0.1:4000', sandbox: true, apps: [{ name: 'a' }], note: 'two words' }, 'gateway ready');
    expect(c.text()).toMatch(/^INFO {2}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z gateway ready url=http:\/\/127\.0\.0\.1:4000 sandbox=true apps=\[\{"name":"a"\}\] note="two words"\n$/);
  });

  it('goes through the same masking: numbers in the message, fields and errors are masked', () => {
    const c = prettyCapture();
    c.log.warn({ caller: '+8613800000021' }, 'callin from +8613800000021');
    c.log.error(new Error('no answer from +8613900000022'));
    const text = c.text();
    expect(text).not.toMatch(/13800000021|13900000022/);
    expect(text).toContain('WARN ');
    expect(text).toContain('callin from +86138****0021 caller=+86138****0021');
    expect(text).toMatch(/ERROR .* no answer from \+86139\*\*\*\*0022\n {4}Error: no answer from \+86139\*\*\*\*0022\n +at /);
  });

  it('keeps app keys readable in pretty and JSON lines (their digit runs are not phone numbers)', () => {
    const c = prettyCapture();
    const chunks: string[] = [];
    const json = createLogger('info', { write: (s: string) => void chunks.push(s) });
    const apps = [{ name: 'sandbox-ax', appKey: 'sandboxAXAppKey00000000' }];
    c.log.info({ apps }, 'gateway ready');
    json.info({ apps }, 'gateway ready');
    expect(c.text()).toContain('"appKey":"sandboxAXAppKey00000000"');
    expect((JSON.parse(chunks.join('')) as { apps: typeof apps }).apps[0].appKey).toBe('sandboxAXAppKey00000000');
  });

  it('passes a line that is not JSON through unchanged', () => {
    expect(formatPrettyLine('plain text')).toBe('plain text\n');
  });

  it.each([
    ['pretty', false, true],
    ['pretty', true, true],
    ['json', true, false],
    ['auto', true, true],
    ['auto', false, false],
  ] as const)('LOG_FORMAT=%s with stdout a terminal=%s: pretty=%s', (format, tty, pretty) => {
    expect(usePrettyLogs(format, tty)).toBe(pretty);
  });
});
