import { loadConfig, type AppConfig } from '../../src/config';
import { sandboxSeed } from '../../src/emulator/seed';
import { CreateAxbBindingDocument } from '../generated/graphql';
import { wrapDb, type WrappedDb } from '../helpers/wrap-db';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { postGraphql } from '../helpers/graphql-client';
import { fixture, push } from '../helpers/push';
import { data, party } from './bindings/fixture';

type Json = Record<string, any>;
const APP = 'sandbox-axb';
const X = sandboxSeed().apps.find((a) => a.mode === 'AXB')!.numbers[3].number;

/** A callin push of a new call through `bindingId`. */
function callin(sessionId: string, bindingId: string): Json {
  const body = JSON.parse(JSON.stringify(fixture('call-callin'))) as Json;
  Object.assign(body.statusInfo, { sessionId, subscriptionId: bindingId, called: X });
  return body;
}

const selects = (statements: string[]): string[] => statements.filter((s) => /^SELECT\b/i.test(s));

describe('the read path: statements per query', () => {
  let gw: TestGateway;
  let store: WrappedDb;
  let app: AppConfig;
  const bindingIds: string[] = [];

  beforeAll(async () => {
    gw = await startTestGateway({}, { wrapDb: (db) => (store = wrapDb(db)).db });
    app = loadConfig({}).apps.find((a) => a.name === APP)!;
    for (let i = 0; i < 4; i++) {
      const b = await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(600 + 2 * i), partyB: party(601 + 2 * i), privacyNumber: X } });
      bindingIds.push(data(b).createAXBBinding.id);
      for (let c = 0; c < 3; c++) expect((await push(gw.url, app, callin(`read-path-${i}-${c}@x`, bindingIds[i]))).status).toBe(200);
    }
  }, 60_000);
  afterAll(() => gw?.stop());

  /** The statements the gateway sent while answering `query`, and the answer's data. */
  async function run(query: string, variables: Json = {}): Promise<{ statements: string[]; data: Json }> {
    const mark = store.mark();
    const res = await postGraphql<Json, Json>(gw.url, query, variables);
    expect(res.body.errors).toBeUndefined();
    return { statements: store.since(mark), data: res.body.data! };
  }

  it('a page without totalCount is one SELECT; with it, one more (the count)', async () => {
    const without = await run('query { calls(first: 5) { edges { node { sessionId } } pageInfo { hasNextPage } } }');
    expect(without.data.calls.edges).toHaveLength(5);
    expect(without.statements).toHaveLength(1);
    expect(without.statements[0]).not.toMatch(/count\(/i);

    const withCount = await run('query { calls(first: 5) { totalCount edges { node { sessionId } } } }');
    expect(withCount.data.calls.totalCount).toBeGreaterThanOrEqual(12);
    expect(selects(withCount.statements)).toHaveLength(2);
    expect(withCount.statements.filter((s) => /count\(/i.test(s))).toHaveLength(1);
  });

  it('totalCount asked twice under two aliases is counted once', async () => {
    const r = await run('query { calls(first: 1) { a: totalCount b: totalCount } }');
    expect(r.data.calls.a).toBe(r.data.calls.b);
    expect(r.statements.filter((s) => /count\(/i.test(s))).toHaveLength(1);
  });

  it('bindings with their nested calls and counts: one statement per level, whatever the number of bindings', async () => {
    const r = await run(
      `query($x: PhoneNumber!) { bindings(first: 50, filter: { privacyNumber: $x }) { edges { node { id
         calls(first: 2) { totalCount pageInfo { hasNextPage } edges { node { sessionId binding { id } } } } } } } }`,
      { x: X },
    );
    const nodes = r.data.bindings.edges.map((e: Json) => e.node);
    expect(nodes.map((n: Json) => n.id)).toEqual(bindingIds);
    for (const n of nodes) {
      expect(n.calls.totalCount).toBe(3);
      expect(n.calls.pageInfo.hasNextPage).toBe(true);
      // Newest first, each call of its own binding.
      expect(n.calls.edges.map((e: Json) => e.node.binding.id)).toEqual([n.id, n.id]);
    }
    expect(nodes[0].calls.edges.map((e: Json) => e.node.sessionId)).toEqual(['read-path-0-2@x', 'read-path-0-1@x']);
    // The bindings page, the calls of all bindings, their counts, the bindings of all calls.
    expect(r.statements.length).toBeLessThanOrEqual(4);
  });

  it('the second page of nested calls starts after the cursor, per binding', async () => {
    const q = `query($x: PhoneNumber!, $after: String) { bindings(first: 50, filter: { privacyNumber: $x }) { edges { node { calls(first: 2, after: $after) { edges { cursor node { sessionId } } } } } } }`;
    const page1 = await run(q, { x: X });
    const cursor = page1.data.bindings.edges[1].node.calls.edges[1].cursor;
    const page2 = await run(q, { x: X, after: cursor });
    // Cursors are global positions: after the second-newest call of binding 1, each binding shows its older calls.
    expect(page2.data.bindings.edges[1].node.calls.edges.map((e: Json) => e.node.sessionId)).toEqual(['read-path-1-0@x']);
    expect(page2.data.bindings.edges[0].node.calls.edges.map((e: Json) => e.node.sessionId)).toEqual(['read-path-0-2@x', 'read-path-0-1@x']);
  });

  it('every connection checks first in one place: 1 to 100, null = the default', async () => {
    for (const query of [
      'query { privacyNumbers(first: 0) { edges { cursor } } }',
      'query { deadLetters(first: 101) { edges { cursor } } }',
      'query { bindings(first: 1) { edges { node { calls(first: 101) { edges { cursor } } } } } }',
    ]) {
      const res = await postGraphql<Json, Json>(gw.url, query);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
    const byDefault = await run('query { calls(first: null) { edges { cursor } } }');
    expect(byDefault.data.calls.edges).toHaveLength(12);
  });

  it('binding(id) whose platform answer equals the mirror writes nothing', async () => {
    // The first read may adopt what the platform adds to the mirror; from then on the answers agree.
    await run('query($id: ID!) { binding(id: $id) { id status } }', { id: bindingIds[2] });
    const again = await run('query($id: ID!) { binding(id: $id) { id status } }', { id: bindingIds[2] });
    expect(again.data.binding).toEqual({ id: bindingIds[2], status: 'ACTIVE' });
    expect(again.statements.filter((s) => /^(UPDATE|INSERT|DELETE)\b/i.test(s))).toEqual([]);
    expect(again.statements).toHaveLength(1);
  });
});
