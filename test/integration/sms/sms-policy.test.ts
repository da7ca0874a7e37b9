import { SetSmsPolicyDocument, SmsMessagesDocument, SmsPolicyDocument } from '../../generated/graphql';
import { START_TIMEOUT_MS, startTestGateway, type TestGateway } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';

/** The SMS policy read and write and the SMS list, through the real gateway (sandbox, no keys). */
describe('SMS policy and SMS list', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  }, START_TIMEOUT_MS);
  afterAll(() => gw.stop());

  const set = (input: Record<string, unknown>) =>
    postGraphql(gw.url, SetSmsPolicyDocument, { input: { app: 'sandbox-axb', defaultDecision: 'DISCARD', rules: [], ...input } } as never);

  it('has no policy until one is set, then returns what was stored', async () => {
    expect((await postGraphql(gw.url, SmsPolicyDocument, { app: 'sandbox-ax' })).body).toEqual({ data: { smsPolicy: null } });
    const rules = [{ senderPattern: '+86138', decision: 'FORWARD', forwardTo: '+8613900000001' }, { contentContains: 'spam', decision: 'DISCARD' }];
    const stored = { app: { name: 'sandbox-axb' }, defaultDecision: 'FORWARD', rules: [
      { senderPattern: '+86138', contentContains: null, decision: 'FORWARD', forwardTo: '+8613900000001' },
      { senderPattern: null, contentContains: 'spam', decision: 'DISCARD', forwardTo: null },
    ] };
    expect((await set({ defaultDecision: 'FORWARD', rules })).body).toEqual({ data: { setSmsPolicy: stored } });
    expect((await postGraphql(gw.url, SmsPolicyDocument, { app: 'sandbox-axb' })).body).toEqual({ data: { smsPolicy: stored } });
  });

  it.each([
    ['an unknown app', { app: 'nope' }, 'input.app'],
    ['more than 100 rules', { rules: Array.from({ length: 101 }, () => ({ decision: 'DISCARD' })) }, 'input.rules'],
    ['a sender pattern that is no number', { rules: [{ decision: 'DISCARD' }, { senderPattern: 'abc', decision: 'DISCARD' }] }, 'input.rules[1].senderPattern'],
    ['an empty contentContains', { rules: [{ contentContains: '', decision: 'FORWARD' }] }, 'input.rules[0].contentContains'],
    ['a DISCARD rule with a receiver', { rules: [{ decision: 'DISCARD', forwardTo: '+8613900000001' }] }, 'input.rules[0].forwardTo'],
  ])('refuses %s, naming the field, and keeps the stored policy', async (_what, input, field) => {
    const before = (await postGraphql(gw.url, SmsPolicyDocument, { app: 'sandbox-axb' })).body;
    const { body } = await set(input);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect((await postGraphql(gw.url, SmsPolicyDocument, { app: 'sandbox-axb' })).body).toEqual(before);
  });

  it('answers an unknown app in smsPolicy with BAD_USER_INPUT on app', async () => {
    const { body } = await postGraphql(gw.url, SmsPolicyDocument, { app: 'nope' });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'app' });
  });

  it('lists no SMS before any push', async () => {
    const { body } = await postGraphql(gw.url, SmsMessagesDocument, { first: 5 });
    expect(body).toEqual({ data: { smsMessages: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } } });
  });
});
