import { getOperationAST, parse } from 'graphql';
import { anonymousPrincipal, type Principal } from '../../../src/auth/principal';
import { shareKeyOf } from '../../../src/server/share-key';

const viewer: Principal = { kind: 'apiKey', name: 'viewer-a', role: 'viewer', apps: null, expiresAt: null };

function keyOf(query: string, variables?: Record<string, unknown>, principal: Principal = viewer, operationName?: string) {
  const operation = getOperationAST(parse(query), operationName);
  if (!operation) throw new Error('no operation');
  return shareKeyOf(operation, { query, variables, operationName }, principal);
}

const EVENTS = 'subscription E($after: ID) { callEvents(after: $after) { cursor sessionId caller } }';

describe('shareKeyOf: which subscriptions share one execution', () => {
  it('the same document, variables and view share, whoever the principal is and whenever it expires', () => {
    const other: Principal = { ...viewer, name: 'viewer-b', kind: 'jwt', expiresAt: new Date(Date.now() + 60_000) };
    expect(keyOf(EVENTS, { after: null })).toEqual({ key: keyOf(EVENTS, { after: null }, other)?.key, kind: 'callEvents' });
  });

  it('another role, another app scope, other variables or another document do not', () => {
    const key = keyOf(EVENTS)?.key;
    expect(key).toBeDefined();
    for (const other of [
      keyOf(EVENTS, undefined, { ...viewer, role: 'operator' }),
      keyOf(EVENTS, undefined, { ...viewer, apps: new Set(['a']) }),
      keyOf(EVENTS, { x: 1 }),
      keyOf(EVENTS.replace('caller', 'called')),
      keyOf(EVENTS, undefined, anonymousPrincipal('admin')),
    ]) {
      expect(other?.key).not.toBe(key);
    }
  });

  it('variables are compared by value, whatever the order of their keys', () => {
    const DOC = 'subscription E($filter: CallEventFilter) { callEvents(filter: $filter) { cursor } }';
    const a = keyOf(DOC, { filter: { bindingId: 'b1', types: ['ANSWER', 'DISCONNECT'] } });
    expect(a).not.toBeNull();
    expect(keyOf(DOC, { filter: { types: ['ANSWER', 'DISCONNECT'], bindingId: 'b1' } })?.key).toBe(a?.key);
    expect(keyOf(DOC, { filter: { types: ['DISCONNECT', 'ANSWER'], bindingId: 'b1' } })?.key).not.toBe(a?.key);
  });

  it('app scopes are compared as sets', () => {
    expect(keyOf(EVENTS, undefined, { ...viewer, apps: new Set(['a', 'b']) })?.key).toBe(keyOf(EVENTS, undefined, { ...viewer, apps: new Set(['b', 'a']) })?.key);
  });

  it('a subscription that names an after cursor runs on its own: as a variable, a default or a literal', () => {
    expect(keyOf(EVENTS, { after: '0' })).toBeNull();
    expect(keyOf('subscription E($after: ID = "5") { callEvents(after: $after) { cursor } }')).toBeNull();
    expect(keyOf('subscription { callEvents(after: "0") { cursor } }')).toBeNull();
    expect(keyOf('subscription { callEvents(after: null) { cursor } }')).not.toBeNull();
    expect(keyOf('subscription E($after: ID = "5") { callEvents(after: $after) { cursor } }', { after: null })).not.toBeNull();
  });

  it('queries, mutations and unknown or several root fields are not shared', () => {
    expect(keyOf('{ apps { name } }')).toBeNull();
    expect(keyOf('subscription { callEvents { cursor } callRecords { cursor } }')).toBeNull();
    expect(keyOf('subscription { ... on Subscription { callEvents { cursor } } }')).toBeNull();
  });
});
