import { documentOf, type JsonResult, postGraphql, wsRequest } from '../../helpers/graphql-client';
import { gatewayWithClient } from '../../helpers/gateway';
import { subscribe } from '../../helpers/subscription';

const APPS = ['sandbox-ax', 'sandbox-axb', 'sandbox-axe', 'sandbox-axyb'];

/** The one error of a result, which must have no data beyond nulls. */
function onlyError(result: JsonResult<unknown>): { message: string; code: unknown; field: unknown } {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  return { message: error.message, code: error.extensions?.code, field: error.extensions?.field };
}

describe('a filter naming an app or binding that does not exist is an error, not an empty answer or a silent wait', () => {
  const sandbox = gatewayWithClient();

  it.each([
    ['bindings', '{ bindings(filter: { app: "nope" }) { edges { node { id } } } }', 'filter.app'],
    ['calls', '{ calls(filter: { app: "nope" }) { edges { node { sessionId } } } }', 'filter.app'],
    ['privacyNumbers', '{ privacyNumbers(filter: { app: "nope" }) { edges { node { number } } } }', 'filter.app'],
  ])('%s(filter: { app: "nope" }) is BAD_USER_INPUT naming the field and the configured apps', async (_name, query, field) => {
    const { body } = await postGraphql(sandbox.gw.url, query);
    const error = onlyError(body);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(error.message).toContain(`${field}: no app "nope" is configured`);
    for (const app of APPS) expect(error.message).toContain(`"${app}"`);
  });

  it.each([
    ['callEvents', 'subscription { callEvents(filter: { app: "nope" }) { cursor } }', 'filter.app'],
    ['numberStatusChanged', 'subscription { numberStatusChanged(app: "nope") { cursor } }', 'app'],
  ])('subscription %s naming an unknown app is BAD_USER_INPUT at once', async (_name, query, field) => {
    const error = onlyError(await wsRequest(sandbox.ws, query));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(error.message).toContain('no app "nope" is configured; configured apps: "sandbox-ax"');
  });

  it.each([
    ['callEvents', 'subscription { callEvents(filter: { bindingId: "no-such-binding" }) { cursor } }', 'filter.bindingId'],
    ['callRecords', 'subscription { callRecords(bindingId: "no-such-binding") { cursor } }', 'bindingId'],
    ['smsMessages', 'subscription { smsMessages(bindingId: "no-such-binding") { cursor } }', 'bindingId'],
  ])('subscription %s on a bindingId the gateway does not know is NOT_FOUND naming the field', async (_name, query, field) => {
    const error = onlyError(await wsRequest(sandbox.ws, query));
    expect(error).toMatchObject({ code: 'NOT_FOUND', field });
    expect(error.message).toContain(`${field}: no binding no-such-binding`);
  });

  it('a bindingId the gateway made is accepted: its events are delivered', async () => {
    const created = await postGraphql(sandbox.gw.url, 'mutation { createAXBBinding(input: { partyA: "+8613800000031", partyB: "+8613900000032", cityCode: "0755" }) { id privacyNumber } }');
    expect(created.body.errors).toBeUndefined();
    const { id, privacyNumber } = (created.body.data as { createAXBBinding: { id: string; privacyNumber: string } }).createAXBBinding;
    const events = subscribe(sandbox.ws, documentOf<{ callEvents: { binding: { id: string } | null } }, { id: string }>('subscription($id: ID) { callEvents(filter: { bindingId: $id }, after: "0") { binding { id } } }'), { id });
    try {
      // after: "0" replays what was stored before the subscription started, so the call's order does not matter.
      const call = await postGraphql(sandbox.gw.url, 'mutation($to: PhoneNumber!) { simulateCall(input: { from: "+8613800000031", to: $to, talkSeconds: 0 }) { sessionId } }', { to: privacyNumber });
      expect(call.body.errors).toBeUndefined();
      const [first] = await events.take(1, 20_000);
      expect(first.callEvents.binding?.id).toBe(id);
    } finally {
      events.dispose();
    }
  });
});
