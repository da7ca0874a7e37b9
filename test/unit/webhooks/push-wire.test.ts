import type {
  CallEventBody,
  CallinControlResponse,
  FeeBody,
  NumStatusBody,
  SmsBlockResponse,
  SmsBody,
} from '../../../src/platform/push-wire';
import { A, B, X, Y, fixtureJson } from './push-fixtures';

/**
 * The wire types must be able to express every example of push-api.md: each typed literal below is
 * checked by the compiler against the DTO and at run time against the fixture copied from the document.
 */
describe('push wire DTOs express the documented examples', () => {
  test('X mode Block callin', () => {
    const push: CallEventBody = {
      eventType: 'callin',
      statusInfo: {
        sessionId: '1201_0420_4294967295_20240506030000@callenabler246.huaweicaas.com',
        timestamp: '2024-05-06 03:00:00',
        caller: A,
        called: X,
        notifyMode: 'Block',
      },
    };
    expect(fixtureJson('call-x-block-callin')).toEqual(push);
  });

  test('the X mode Block responses', () => {
    const connect: CallinControlResponse = {
      operation: 'connect',
      connectInfo: {
        displayCalleeNum: X,
        calleeNum: B,
        maxDuration: 30,
        waitVoice: 'wait_tone.wav',
        recordFlag: 'true',
        recordHintTone: 'record_notice.wav',
        lastMinVoice: 'one_minute_left.wav',
      },
    };
    const close: CallinControlResponse = { operation: 'close', closeInfo: {} };
    expect(fixtureJson('response-x-block-connect')).toEqual(connect);
    expect(fixtureJson('response-x-block-close')).toEqual(close);
  });

  test('the failed-call CDR', () => {
    const fee = fixtureJson<FeeBody>('cdr-axb-failed');
    const typed: FeeBody = { eventType: 'fee', feeLst: [{ ...fee.feeLst[0], recordFlag: 0, direction: 1 }] };
    expect(fee).toEqual(typed);
  });

  test('the AX Block SMS and its responses', () => {
    const push: SmsBody = {
      appKey: 'demoAppKey0000000000000000',
      smsEvent: {
        smsIdentifier: 'sms-20240506-000017',
        notificationMode: 'Block',
        calling: A,
        virtualNumber: X,
        event: 'TextSMS',
        timeStamp: '2024-05-06T04:10:22.318Z',
        subscriptionId: 'c0ffee00-0000-4a1b-9c2d-3e4f5a6b7c8d',
        smsContent: 'Arriving in 5 minutes',
        extInfo: {
          extParas: [
            { key: 'splitNum', value: '0' },
            { key: 'direction', value: '1' },
          ],
        },
      },
    };
    const forward: SmsBlockResponse = { actions: [{ operation: 'vNumberRoute', message: { called: B, calling: A } }] };
    const discard: SmsBlockResponse = { actions: [{ operation: 'DiscardMessage' }] };
    expect(fixtureJson('sms-ax-block')).toEqual(push);
    expect(fixtureJson('response-sms-block-forward')).toEqual(forward);
    expect(fixtureJson('response-sms-block-discard')).toEqual(discard);
  });

  test('number status', () => {
    const push: NumStatusBody = {
      eventType: 'numStatus',
      numInfo: [
        { number: X, status: '10', cause: '2' },
        { number: Y, status: '5' },
      ],
    };
    expect(fixtureJson('number-status')).toEqual(push);
  });
});
