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

describe('masking everywhere a number can hide', () => {
  const P = '+8613800000001';
  const text = (lines: Record<string, unknown>[]) => JSON.stringify(lines);

  it('recurses past any depth and cuts cycles', () => {
    const { stream, lines } = capture();
    const deep: Record<string, unknown> = { phone: P };
    let outer = deep;
    for (let i = 0; i < 20; i++) outer = { next: outer };
    const cyclic: Record<string, unknown> = { caller: P };
    cyclic.self = cyclic;
    createLogger('info', stream).info({ outer, cyclic }, 'nested');
    expect(text(lines())).not.toContain('13800000001');
    expect(text(lines())).toContain('[Circular]');
    expect(text(lines())).toContain('+86138****0001');
  });

  it('masks the own fields and the cause of an error, and an error logged on its own', () => {
    const { stream, lines } = capture();
    const cause = Object.assign(new Error(`upstream refused ${P}`), { body: { callee: P } });
    const err = Object.assign(new Error('bind failed', { cause }), { partyA: P, code: 'X' });
    const logger = createLogger('info', stream);
    logger.error({ err }, 'failed');
    logger.error(new Error(`no binding for ${P}`));
    const [first, second] = lines();
    expect(text(lines())).not.toContain('13800000001');
    expect(first.err).toMatchObject({ message: 'bind failed', partyA: '+86138****0001', code: 'X', cause: { message: 'upstream refused +86138****0001', body: { callee: '+86138****0001' } } });
    expect(second.msg).toBe('no binding for +86138****0001');
  });

  it('masks format arguments and child bindings', () => {
    const { stream, lines } = capture();
    const logger = createLogger('info', stream).child({ partyB: P });
    logger.info('%s called %o with %d', P, { to: P }, 8613800000001);
    logger.info({ a: 1 }, 'then %j', [P]);
    expect(text(lines())).not.toContain('13800000001');
    expect(lines()[0].partyB).toBe('+86138****0001');
  });
});
