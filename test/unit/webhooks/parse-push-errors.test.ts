import { formatPushParseError, parsePush } from '../../../src/webhooks/parse-push';
import type { PushParseError } from '../../../src/webhooks/push';
import { fixtureJson } from './push-fixtures';

/** Loose test bodies: fields are overridden or deleted freely. */
type Json = Record<string, any>;

function errorOf(body: string | Json, receivedAt?: Date): PushParseError {
  const result = parsePush(typeof body === 'string' ? body : JSON.stringify(body), { receivedAt });
  // A CDR batch parses record by record: a bad record is rejected alone (a dead letter), the others kept.
  if (result.ok && result.push.kind === 'cdrBatch' && result.push.rejected.length > 0) return result.push.rejected[0].error;
  if (result.ok) throw new Error(`expected an error, got ${result.push.kind}`);
  return result.error;
}

const PHONE = 'phone number in global format (+ then 8-15 digits)';

function callin(statusInfo: Json): Json {
  return { eventType: 'callin', statusInfo: { ...fixtureJson<Json>('call-callin').statusInfo, ...statusInfo } };
}

function fee(record: Json): Json {
  return { eventType: 'fee', feeLst: [{ ...fixtureJson<Json>('cdr-axb-answered').feeLst[0], ...record }] };
}

function smsWith(smsEvent: Json, top: Json = {}): Json {
  const body = fixtureJson<Json>('sms-ax-block');
  return { ...body, ...top, smsEvent: { ...body.smsEvent, ...smsEvent } };
}

describe('the body as a whole', () => {
  test.each([
    ['', 'JSON object', 'empty string'],
    ['  \n', 'JSON object', 'empty string'],
    ['{"eventType":', 'JSON object', 'malformed JSON (13 characters)'],
    ['[]', 'JSON object', 'array(0)'],
    ['42', 'JSON object', '42'],
    ['null', 'JSON object', 'null'],
    ['"callin"', 'JSON object', '"callin"'],
  ])('%j', (body, expected, got) => {
    expect(errorOf(body)).toEqual({ path: '(body)', expected, got });
  });

  test('no eventType and no smsEvent', () => {
    expect(errorOf({ statusInfo: {} })).toEqual({
      path: 'eventType',
      expected: 'eventType (call event, fee, numStatus) or smsEvent',
      got: 'undefined',
    });
  });

  test.each([
    ['ringing', '"ringing"'],
    [5, '5'],
    [null, 'null'],
    ['constructor', '"constructor"'],
  ])('unknown eventType %j', (eventType, got) => {
    expect(errorOf({ eventType, statusInfo: { sessionId: 's' } })).toEqual({
      path: 'eventType',
      expected: 'one of callin, callout, alerting, answer, disconnect, collectInfo, fee, numStatus',
      got,
    });
  });

  test('a Buffer with a byte order mark parses', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(callin({})))]);
    expect(parsePush(body).ok).toBe(true);
  });

  test('the error formats as one log line', () => {
    expect(formatPushParseError({ path: 'statusInfo.sessionId', expected: 'non-empty string', got: 'undefined' })).toBe(
      'statusInfo.sessionId: expected non-empty string, got undefined',
    );
  });
});

describe('call events', () => {
  test('statusInfo is needed for the sessionId', () => {
    expect(errorOf({ eventType: 'answer' })).toEqual({ path: 'statusInfo', expected: 'object', got: 'undefined' });
    expect(errorOf({ eventType: 'answer', statusInfo: [] })).toEqual({ path: 'statusInfo', expected: 'object', got: 'array(0)' });
  });

  test.each([
    [undefined, 'undefined'],
    ['', 'empty string'],
    ['   ', '"   "'],
    [12, '12'],
  ])('sessionId %j is refused', (sessionId, got) => {
    expect(errorOf({ eventType: 'callin', statusInfo: { timestamp: '2024-05-06 01:15:40', sessionId } })).toEqual({
      path: 'statusInfo.sessionId',
      expected: 'non-empty string',
      got,
    });
  });

  test('a number in the wrong type is described masked', () => {
    const error = errorOf(callin({ caller: 8613800138000 }));
    expect(error).toEqual({ path: 'statusInfo.caller', expected: PHONE, got: '86138****8000' });
    expect(JSON.stringify(error)).not.toContain('13800138000');
  });

  test('stateCode: digit strings tolerated, anything else refused', () => {
    const ok = parsePush(JSON.stringify({ eventType: 'disconnect', statusInfo: { ...callin({}).statusInfo, stateCode: ' 8102 ' } }));
    expect(ok.ok && ok.push.kind === 'callEvent' && ok.push.event.stateCode).toBe(8102);
    expect(errorOf(callin({ stateCode: 'busy' }))).toEqual({ path: 'statusInfo.stateCode', expected: 'integer', got: '"busy"' });
    expect(errorOf(callin({ stateCode: 1.5 }))).toEqual({ path: 'statusInfo.stateCode', expected: 'integer', got: '1.5' });
  });

  test('timestamp: absent uses receivedAt when given, refused otherwise; garbage is refused', () => {
    const receivedAt = new Date('2024-05-06T01:15:45Z');
    const result = parsePush(JSON.stringify(callin({ timestamp: '' })), { receivedAt });
    expect(result.ok && result.push.kind === 'callEvent' && result.push.event.occurredAt).toEqual(receivedAt);
    expect(errorOf(callin({ timestamp: undefined }))).toEqual({
      path: 'statusInfo.timestamp',
      expected: 'time "yyyy-MM-dd HH:mm:ss" (UTC)',
      got: 'undefined',
    });
    expect(errorOf(callin({ timestamp: 'yesterday' }), receivedAt)).toMatchObject({ path: 'statusInfo.timestamp', got: '"yesterday"' });
    expect(errorOf(callin({ timestamp: '2024-02-30 00:00:00' }), receivedAt)).toMatchObject({ path: 'statusInfo.timestamp' });
  });

  test('notifyMode: Notify or Block in any case, nothing else', () => {
    const result = parsePush(JSON.stringify(callin({ notifyMode: ' block ' })));
    expect(result.ok && result.push.kind === 'callEvent' && result.push.event.notifyMode).toBe('Block');
    expect(errorOf(callin({ notifyMode: 'Maybe' }))).toEqual({
      path: 'statusInfo.notifyMode',
      expected: 'one of Notify, Block',
      got: '"Maybe"',
    });
  });

  test('tolerated: eventType case and spaces, unknown fields, null optionals, [U] fields as numbers', () => {
    const body = {
      eventType: ' Disconnect ',
      extra: { nested: true },
      statusInfo: { ...callin({}).statusInfo, called: null, subscriptionId: '', callRelDirection: 1, digitInfo: 1234, colour: 'blue' },
    };
    const result = parsePush(JSON.stringify(body));
    if (!result.ok || result.push.kind !== 'callEvent') throw new Error('expected a call event');
    expect(result.push.event).toMatchObject({ type: 'disconnect', callRelDirection: '1', digitInfo: '1234' });
    expect(result.push.event).not.toHaveProperty('called');
    expect(result.push.event).not.toHaveProperty('subscriptionId');
    expect(result.push.event.raw).toEqual(body);
  });

  test('an SMS key wins over a call eventType, fee and numStatus win over smsEvent (push-api.md §0 order)', () => {
    const sms = fixtureJson<Json>('sms-ax-block');
    expect(parsePush(JSON.stringify({ ...sms, eventType: 'callin' }))).toMatchObject({ ok: true, push: { kind: 'sms' } });
    expect(errorOf({ ...sms, eventType: 'fee' })).toMatchObject({ path: 'feeLst' });
  });
});

describe('CDRs', () => {
  test.each([
    [{ eventType: 'fee' }, { path: 'feeLst', expected: 'array', got: 'undefined' }],
    [{ eventType: 'fee', feeLst: {} }, { path: 'feeLst', expected: 'array', got: 'object' }],
    [{ eventType: 'fee', feeLst: [] }, { path: 'feeLst', expected: 'at least 1 item(s)', got: 'array(0)' }],
    [{ eventType: 'fee', feeLst: [7] }, { path: 'feeLst[0]', expected: 'object', got: '7' }],
  ])('envelope %j', (body, error) => {
    expect(errorOf(body)).toEqual(error);
  });

  test('one bad record is rejected alone, with its index; the other records parse', () => {
    const batch = fixtureJson<Json>('cdr-batch-50');
    delete batch.feeLst[3].sessionId;
    expect(errorOf(batch)).toEqual({ path: 'feeLst[3].sessionId', expected: 'non-empty string', got: 'undefined' });
    const result = parsePush(JSON.stringify(batch));
    expect(result.ok && result.push.kind === 'cdrBatch' && [result.push.records.length, result.push.rejected.map((r) => r.index)]).toEqual([49, [3]]);
  });

  test('more than 50 records are accepted', () => {
    const batch = fixtureJson<Json>('cdr-batch-50');
    batch.feeLst.push(...batch.feeLst.slice(0, 10));
    const result = parsePush(JSON.stringify(batch));
    expect(result.ok && result.push.kind === 'cdrBatch' && result.push.records.length).toBe(60);
  });

  test.each(['direction', 'spId', 'appKey', 'bindNum', 'callerNum'])('required %s', (field) => {
    expect(errorOf(fee({ [field]: undefined }))).toMatchObject({ path: `feeLst[0].${field}`, got: 'undefined' });
  });

  test('a masked number in a bad callerNum', () => {
    expect(errorOf(fee({ callerNum: 8613800138000 }))).toEqual({ path: 'feeLst[0].callerNum', expected: PHONE, got: '86138****8000' });
  });

  test('times: empty, all zeros and null are absent; a bad time is refused', () => {
    const result = parsePush(JSON.stringify(fee({ fwdAnswerTime: '', failTime: '0000-00-00 00:00:00', callEndTime: null })));
    if (!result.ok || result.push.kind !== 'cdrBatch') throw new Error('expected a CDR batch');
    expect(result.push.records[0]).toMatchObject({ fwdAnswerTime: null, failTime: null, callEndTime: null });
    expect(errorOf(fee({ callInTime: '2024-13-01 00:00:00' }))).toEqual({
      path: 'feeLst[0].callInTime',
      expected: 'time "yyyy-MM-dd HH:mm:ss" (UTC)',
      got: '"2024-13-01 00:00:00"',
    });
    expect(errorOf(fee({ callInTime: { at: 1 } }))).toMatchObject({ path: 'feeLst[0].callInTime', got: 'object' });
  });

  test.each([
    [1, true],
    ['1', true],
    ['true', true],
    [true, true],
    [0, false],
    ['0', false],
    [false, false],
    [undefined, false],
    ['', false],
  ])('recordFlag %j → %s', (recordFlag, expected) => {
    const result = parsePush(JSON.stringify(fee({ recordFlag })));
    expect(result.ok && result.push.kind === 'cdrBatch' && result.push.records[0].recordFlag).toBe(expected);
  });

  test('recordFlag 2 is refused', () => {
    expect(errorOf(fee({ recordFlag: 2 }))).toEqual({ path: 'feeLst[0].recordFlag', expected: '0 or 1', got: '2' });
  });

  test('Integer fields as digit strings, [U] text fields as numbers', () => {
    const result = parsePush(JSON.stringify(fee({ direction: '2', ulFailReason: '8014', serviceType: 3, extendNum: 1234 })));
    if (!result.ok || result.push.kind !== 'cdrBatch') throw new Error('expected a CDR batch');
    expect(result.push.records[0]).toMatchObject({ direction: 2, ulFailReason: 8014, serviceType: '3', extendNum: '1234' });
  });
});

describe('SMS', () => {
  test.each([
    [{ smsEvent: 'x' }, { path: 'smsEvent', expected: 'object', got: '"x"' }],
    [{ smsEvent: null }, { path: 'smsEvent', expected: 'object', got: 'null' }],
  ])('envelope %j', (body, error) => {
    expect(errorOf({ appKey: 'k', ...body })).toEqual(error);
  });

  test.each([
    ['smsIdentifier', 'smsEvent.smsIdentifier'],
    ['calling', 'smsEvent.calling'],
    ['virtualNumber', 'smsEvent.virtualNumber'],
  ])('required %s', (field, path) => {
    expect(errorOf(smsWith({ [field]: undefined }))).toEqual({ path, expected: field === 'smsIdentifier' ? 'non-empty string' : PHONE, got: 'undefined' });
  });

  test('appKey and notificationMode are required', () => {
    expect(errorOf(smsWith({}, { appKey: undefined }))).toMatchObject({ path: 'appKey' });
    expect(errorOf(smsWith({ notificationMode: 'Later' }))).toEqual({
      path: 'smsEvent.notificationMode',
      expected: 'one of Notify, Block',
      got: '"Later"',
    });
  });

  test('tolerated: " Text SMS ", sendResult as text, a single extParas object, no timeStamp with receivedAt', () => {
    const receivedAt = new Date('2024-05-06T04:10:30Z');
    const body = smsWith({ event: ' Text SMS ', sendResult: '7', timeStamp: undefined, extInfo: { extParas: { key: 'splitNum', value: 1 } } });
    const result = parsePush(JSON.stringify(body), { receivedAt });
    if (!result.ok || result.push.kind !== 'sms') throw new Error('expected an SMS');
    expect(result.push.sms).toMatchObject({ event: 'TextSMS', sendResult: 7, occurredAt: receivedAt, extParas: [{ key: 'splitNum', value: '1' }] });
  });

  test('odd extInfo shapes are skipped, never refused', () => {
    for (const extInfo of ['x', [], { extParas: 'x' }, { extParas: [null, { key: 5 }, { key: 'k' }] }]) {
      const result = parsePush(JSON.stringify(smsWith({ extInfo })));
      if (!result.ok || result.push.kind !== 'sms') throw new Error(`expected an SMS for ${JSON.stringify(extInfo)}`);
      expect(result.push.sms.extParas.every((p) => typeof p.key === 'string' && typeof p.value === 'string')).toBe(true);
    }
  });
});

describe('number status', () => {
  const statusExpected = '"5" (normal), "9" (suspended), "10" (unavailable) or "11" (binding frozen)';

  test.each([
    [{ eventType: 'numStatus' }, { path: 'numInfo', expected: 'array', got: 'undefined' }],
    [{ eventType: 'numStatus', numInfo: [] }, { path: 'numInfo', expected: 'at least 1 item(s)', got: 'array(0)' }],
    [{ eventType: 'numStatus', numInfo: [{ status: '5' }] }, { path: 'numInfo[0].number', expected: PHONE, got: 'undefined' }],
    [{ eventType: 'numStatus', numInfo: [{ number: '+8617100000001', status: '7' }] }, { path: 'numInfo[0].status', expected: statusExpected, got: '"7"' }],
    [{ eventType: 'numStatus', numInfo: [{ number: '+8617100000001', status: 'toString' }] }, { path: 'numInfo[0].status', expected: statusExpected, got: '"toString"' }],
    [{ eventType: 'numStatus', numInfo: [{ number: '+8617100000001' }] }, { path: 'numInfo[0].status', expected: statusExpected, got: 'undefined' }],
  ])('%j', (body, error) => {
    expect(errorOf(body)).toEqual(error);
  });

  test('tolerated: status and cause as numbers, an undocumented cause kept without text', () => {
    const body = { eventType: 'numStatus', numInfo: [{ number: '+8617100000001', status: 9, cause: 2 }, { number: '+8617100000002', status: '10', cause: '4' }] };
    const result = parsePush(JSON.stringify(body));
    if (!result.ok || result.push.kind !== 'numberStatus') throw new Error('expected number status');
    expect(result.push.changes.map(({ raw, ...change }) => change)).toEqual([
      { number: '+8617100000001', status: 'SUSPENDED', cause: '2', causeText: 'Account in arrears' },
      { number: '+8617100000002', status: 'UNAVAILABLE', cause: '4' },
    ]);
  });
});
