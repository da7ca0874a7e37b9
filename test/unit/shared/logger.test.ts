import { Writable } from 'node:stream';
import { createLogger } from '../../../src/shared/logger';

function capture(): { lines: () => Record<string, unknown>[]; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logger masking', () => {
  it('masks phone numbers in messages and in nested fields', () => {
    const c = capture();
    const log = createLogger('info', c.stream);
    log.info({ caller: '+8613800000021', nested: { list: ['call from 13800000021'] } }, 'callin from +8613800000021');
    const [line] = c.lines();
    expect(JSON.stringify(line)).not.toMatch(/13800000021/);
    expect(line.caller).toBe('+86138****0021');
    expect(line.msg).toBe('callin from +86138****0021');
  });

  it('keeps opaque identifiers readable, unless one looks like a number in global format', () => {
    const c = capture();
    const log = createLogger('info', c.stream);
    const sessionId = '1200_1_3833325636_20261123220223@callenabler01.example';
    log.info({ sessionId, requestId: '12345678-aaaa', subscriptionId: '+8613800000021' }, 'x');
    const [line] = c.lines();
    expect(line.sessionId).toBe(sessionId);
    expect(line.requestId).toBe('12345678-aaaa');
    expect(line.subscriptionId).toBe('+86138****0021');
  });
});
