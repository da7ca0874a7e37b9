import { readBlockAnswer } from '../../../src/emulator/simulator/sms-block';
import { parseSuffix } from '../../../src/emulator/simulator/sms-route';
import type { PushRecord } from '../../../src/emulator/simulator/push-log';

const PATTERN = /^\+86\d{7,12}$/;
const A = '+8613800138000';
const record = {} as PushRecord;
const answered = (body: unknown, status = 200) => readBlockAnswer({ kind: 'answered', record, status, body: typeof body === 'string' ? body : JSON.stringify(body) }, A, PATTERN);

describe('AX @B suffix', () => {
  test.each([
    ['Arriving soon@13900139000', { to: '+8613900139000', text: 'Arriving soon' }],
    ['@13900139000', { to: '+8613900139000', text: '' }],
    ['Call me@075528000001', { to: '+8675528000001', text: 'Call me' }],
  ])('%s is forwarded', (content, expected) => expect(parseSuffix(content, PATTERN)).toEqual(expected));

  test.each(['Arriving soon', 'Arriving soon#13900139000', 'Arriving soon＠13900139000', 'x@1390013900', 'x@139001390001', 'x@13900139000 ', 'x@+8613900139000'])(
    '%s has no valid suffix',
    (content) => expect(parseSuffix(content, PATTERN)).toBeUndefined(),
  );
});

describe('readBlockAnswer', () => {
  test('vNumberRoute as an array or a single object; calling may be omitted', () => {
    expect(answered({ actions: [{ operation: 'vNumberRoute', message: { called: '+8613900139000', calling: A } }] })).toEqual({ kind: 'forward', called: '+8613900139000' });
    expect(answered({ actions: { operation: 'vNumberRoute', message: { called: '+8613900139000' } } })).toEqual({ kind: 'forward', called: '+8613900139000' });
  });

  test('DiscardMessage discards', () => {
    expect(answered({ actions: [{ operation: 'DiscardMessage' }] })).toEqual({ kind: 'discard' });
  });

  test('anything else is no answer', () => {
    for (const bad of [
      answered('not json'),
      answered({}),
      answered({ actions: [] }),
      answered({ actions: [{ operation: 'Forward' }] }),
      answered({ actions: [{ operation: 'vNumberRoute', message: { called: '13900139000' } }] }),
      answered({ actions: [{ operation: 'vNumberRoute', message: { called: '+8613900139000', calling: '+8613700137000' } }] }),
      answered({ actions: [{ operation: 'DiscardMessage' }] }, 500),
      readBlockAnswer({ kind: 'failed', record, error: 'no answer within 5000 ms' }, A, PATTERN),
      readBlockAnswer({ kind: 'skipped' }, A, PATTERN),
    ]) {
      expect(bad.kind).toBe('none');
    }
  });
});
