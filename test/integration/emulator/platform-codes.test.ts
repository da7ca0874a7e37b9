import { sandboxSeed } from '../../../src/emulator/seed';
import { gatewayWithClient } from '../../helpers/gateway';
import { documentOf, postGraphql } from '../../helpers/graphql-client';
import { subscribe } from '../../helpers/subscription';

interface Code {
  code: number;
  reason: string | null;
}

const A = '+8613800000041';
const B = '+8613900000042';
const STRANGER = '+8613700000043';

/**
 * The platform's integer codes reach clients twice: raw, as pushed, and as `{ code, reason }` with the meaning
 * from the platform's tables (push-api.md Appendices A–C, §4.3, §5.2). The embedded platform pushes them.
 */
describe('platform codes beside their meaning, from pushes of the embedded platform', () => {
  const sandbox = gatewayWithClient();

  async function bindAXB(): Promise<{ id: string; privacyNumber: string }> {
    const { body } = await postGraphql<{ createAXBBinding: { id: string; privacyNumber: string } }, { a: string; b: string }>(
      sandbox.gw.url,
      'mutation($a: PhoneNumber!, $b: PhoneNumber!) { createAXBBinding(input: { partyA: $a, partyB: $b, cityCode: "0755" }) { id privacyNumber } }',
      { a: A, b: B },
    );
    expect(body.errors).toBeUndefined();
    return body.data!.createAXBBinding;
  }

  it('an unanswered call from A: direction 1, hang-up code 8102 (busy), Q.850 cause 17 and teardown point 8102, each with its meaning', async () => {
    const binding = await bindAXB();
    const records = subscribe(
      sandbox.ws,
      documentOf<{ callRecords: { sessionId: string; direction: number; directionKind: string | null; failureCause: number | null; failure: Code | null; teardownPoint: number | null; teardown: Code | null } }>(
        'subscription($id: ID) { callRecords(bindingId: $id, after: "0") { sessionId direction directionKind failureCause failure { code reason } teardownPoint teardown { code reason } } }',
      ),
      { id: binding.id },
    );
    const events = subscribe(
      sandbox.ws,
      documentOf<{ callEvents: { type: string; hangupCode: number | null; hangup: Code | null } }>(
        'subscription($id: ID) { callEvents(filter: { bindingId: $id, types: [DISCONNECT] }, after: "0") { type hangupCode hangup { code reason } } }',
      ),
      { id: binding.id },
    );
    try {
      const call = await postGraphql<{ simulateCall: { sessionId: string } }, { from: string; to: string }>(
        sandbox.gw.url,
        'mutation($from: PhoneNumber!, $to: PhoneNumber!) { simulateCall(input: { from: $from, to: $to, answer: false, hangupCode: 8102 }) { sessionId } }',
        { from: A, to: binding.privacyNumber },
      );
      expect(call.body.errors).toBeUndefined();
      const sessionId = call.body.data!.simulateCall.sessionId;

      const [disconnect] = await events.take(1, 20_000);
      expect(disconnect.callEvents).toEqual({ type: 'DISCONNECT', hangupCode: 8102, hangup: { code: 8102, reason: 'Callee busy (in a call, ringing, etc.)' } });
      const [record] = await records.take(1, 20_000);
      expect(record.callRecords).toEqual({
        sessionId,
        direction: 1,
        directionKind: 'FROM_PARTY_A',
        failureCause: 17,
        failure: { code: 17, reason: 'User busy' },
        teardownPoint: 8102,
        teardown: { code: 8102, reason: 'Callee busy (in a call, ringing, etc.)' },
      });

      const { body } = await postGraphql<{ call: { hangupCode: number | null; hangup: Code | null } }, { id: string }>(sandbox.gw.url, 'query($id: ID!) { call(sessionId: $id) { hangupCode hangup { code reason } } }', { id: sessionId });
      expect(body).toEqual({ data: { call: { hangupCode: 8102, hangup: { code: 8102, reason: 'Callee busy (in a call, ringing, etc.)' } } } });
    } finally {
      records.dispose();
      events.dispose();
    }
  });

  it('an SMS from a stranger: sendResult 2 with "binding does not exist"', async () => {
    const binding = await bindAXB();
    const sms = subscribe(sandbox.ws, documentOf<{ smsMessages: { sendResult: number | null; sendOutcome: Code | null } }>('subscription($x: PhoneNumber) { smsMessages(privacyNumber: $x, after: "0") { sendResult sendOutcome { code reason } } }'), {
      x: binding.privacyNumber,
    });
    try {
      const sent = await postGraphql(sandbox.gw.url, 'mutation($from: PhoneNumber!, $to: PhoneNumber!) { simulateSms(input: { from: $from, to: $to, content: "hello" }) }', { from: STRANGER, to: binding.privacyNumber });
      expect(sent.body.errors).toBeUndefined();
      const [message] = await sms.take(1, 20_000);
      expect(message.smsMessages).toEqual({ sendResult: 2, sendOutcome: { code: 2, reason: 'Failed: binding does not exist' } });
    } finally {
      sms.dispose();
    }
  });

  it('a number-status push with cause "2": statusCause keeps its one string, cause splits it; a cause-less push gives null', async () => {
    const x = sandboxSeed().apps.find((a) => a.mode === 'AXB')!.numbers.at(-1)!.number;
    const changes = subscribe(
      sandbox.ws,
      documentOf<{ numberStatusChanged: { number: string; status: string; statusCause: string | null; cause: Code | null } }>('subscription { numberStatusChanged(app: "sandbox-axb", after: "0") { number status statusCause cause { code reason } } }'),
    );
    try {
      // after: "0" replays what was stored before the subscription started; no other number's status changes here.
      const unavailable = await postGraphql(sandbox.gw.url, 'mutation($n: PhoneNumber!) { simulateNumberStatus(number: $n, status: UNAVAILABLE, cause: "2") }', { n: x });
      expect(unavailable.body.errors).toBeUndefined();
      const [first] = await changes.take(1, 20_000);
      expect(first.numberStatusChanged).toEqual({ number: x, status: 'UNAVAILABLE', statusCause: '2 (arrears)', cause: { code: 2, reason: 'Account in arrears' } });

      const normal = await postGraphql(sandbox.gw.url, 'mutation($n: PhoneNumber!) { simulateNumberStatus(number: $n, status: NORMAL) }', { n: x });
      expect(normal.body.errors).toBeUndefined();
      const [second] = await changes.take(1, 20_000);
      expect(second.numberStatusChanged).toEqual({ number: x, status: 'NORMAL', statusCause: null, cause: null });
    } finally {
      changes.dispose();
    }
  });
});
