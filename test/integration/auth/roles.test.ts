import { execute, parse, subscribe as graphqlSubscribe, type GraphQLSchema, type ExecutionResult } from 'graphql';
import { formatError } from '../../../src/server/format-error';
import { buildGatewaySchema } from '../../../src/server/schema';
import { createWsClient, type JsonResult, postGraphql, wsRequest } from '../../helpers/graphql-client';
import { type AuthGateway, startAuthGateway, type TestKey } from './fixture';
import { rootOperations, type RootOperation } from './operations';

jest.setTimeout(120_000);

const AUTH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];
const codesOf = (result: JsonResult<unknown>): string[] => (result.errors ?? []).map((e) => String(e.extensions?.code));

/** Root fields only an admin may run: the number import and everything about dead letters (raw pushes). */
const ADMIN_ONLY = new Set(['importPrivacyNumbers', 'deadLetters', 'replayDeadLetter', 'discardDeadLetter']);

/** What a principal of `role` may run: every query and subscription; mutations from operator; ADMIN_ONLY from admin. */
function allowed(op: RootOperation, role: TestKey['role']): boolean {
  if (ADMIN_ONLY.has(op.field)) return role === 'admin';
  if (op.kind !== 'mutation') return true;
  return role !== 'viewer';
}

describe('who may do what: every root field, every role, both transports', () => {
  let gw: AuthGateway;
  let production: RootOperation[];
  beforeAll(async () => {
    gw = await startAuthGateway();
    production = rootOperations(await buildGatewaySchema({ sandbox: false }), 'sandbox-axb');
  }, 120_000);
  afterAll(() => gw?.stop());

  it('the derived list covers the whole production schema', () => {
    const byKind = (k: RootOperation['kind']) => production.filter((o) => o.kind === k).map((o) => o.field);
    expect(byKind('query')).toEqual(expect.arrayContaining(['apps', 'binding', 'bindings', 'call', 'calls', 'privacyNumber', 'privacyNumbers', 'smsMessages', 'smsPolicy']));
    expect(byKind('mutation')).toEqual(expect.arrayContaining(['createAXBBinding', 'deleteBinding', 'endCall', 'setSmsPolicy', 'importPrivacyNumbers', 'bindAXYBPartyB', 'setTemporaryCallee']));
    expect(byKind('subscription')).toEqual(expect.arrayContaining(['callEvents', 'callUpdated', 'callRecords', 'smsMessages', 'numberStatusChanged']));
  });

  it('without a principal every root field (sandbox superset included) is UNAUTHENTICATED: none lacks @Authorized', async () => {
    const schema: GraphQLSchema = await buildGatewaySchema({ sandbox: true });
    for (const op of rootOperations(schema, 'sandbox-axb')) {
      const args = { schema, document: parse(op.document), contextValue: {} };
      const result = (op.kind === 'subscription' ? await graphqlSubscribe(args) : await execute(args)) as ExecutionResult | AsyncIterable<unknown>;
      expect([op.field, Symbol.asyncIterator in result ? 'stream opened' : (result as ExecutionResult).errors?.map((e) => formatError(e.toJSON(), e).extensions?.code)]).toEqual([op.field, ['UNAUTHENTICATED']]);
    }
  });

  it('HTTP: without a token every operation is 401; with a key, exactly what its role allows', async () => {
    for (const op of production.filter((o) => o.kind !== 'subscription')) {
      expect([op.field, (await postGraphql(gw.url, op.document)).status]).toEqual([op.field, 401]);
      for (const key of [gw.keys.viewer, gw.keys.operator, gw.keys.admin]) {
        const { body } = await postGraphql(gw.url, op.document, undefined, gw.bearer(key.token));
        const refused = codesOf(body).filter((c) => AUTH_CODES.includes(c));
        expect([op.field, key.role, refused]).toEqual([op.field, key.role, allowed(op, key.role) ? [] : ['FORBIDDEN']]);
      }
    }
  });

  it('WebSocket: the same answers over graphql-ws', async () => {
    for (const key of [gw.keys.viewer, gw.keys.operator, gw.keys.admin]) {
      const client = createWsClient(gw.url, { connectionParams: gw.bearer(key.token) });
      try {
        for (const op of production.filter((o) => o.kind !== 'subscription')) {
          const refused = codesOf(await wsRequest(client, op.document)).filter((c) => AUTH_CODES.includes(c));
          expect([op.field, key.role, refused]).toEqual([op.field, key.role, allowed(op, key.role) ? [] : ['FORBIDDEN']]);
        }
      } finally {
        await client.dispose();
      }
    }
  });

  it('a principal limited to sandbox-axb is FORBIDDEN every operation that names another app, on both transports', async () => {
    const naming = rootOperations(await buildGatewaySchema({ sandbox: false }), 'sandbox-ax').filter((o) => o.namesApp);
    expect(naming.map((o) => o.field)).toEqual(expect.arrayContaining(['bindings', 'calls', 'privacyNumbers', 'smsPolicy', 'setSmsPolicy', 'createAXBinding', 'callEvents', 'numberStatusChanged']));
    const client = createWsClient(gw.url, { connectionParams: gw.bearer(gw.keys.axbOperator.token) });
    try {
      for (const op of naming) {
        const ws = await wsRequest(client, op.document);
        expect([op.field, 'ws', codesOf(ws)]).toEqual([op.field, 'ws', ['FORBIDDEN']]);
        if (op.kind === 'subscription') continue;
        const http = await postGraphql(gw.url, op.document, undefined, gw.bearer(gw.keys.axbOperator.token));
        expect([op.field, 'http', codesOf(http.body)]).toEqual([op.field, 'http', ['FORBIDDEN']]);
      }
    } finally {
      await client.dispose();
    }
  });
});
