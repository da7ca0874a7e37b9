import type { Client } from 'graphql-ws';
import { gatewayWithClient, startGatewayOnEmulator, type GatewayOnEmulator } from '../../helpers/gateway';
import { createWsClient, postGraphql, wsRequest } from '../../helpers/graphql-client';
import { deepSelection, errorsOf, nestedBindingCalls, nestedNonsense, overBoth, SEED } from './fixture';

const LIMITS = { maxAliases: 3, maxDirectives: 3, maxTokens: 5000, maxCost: 500 };

describe('document limits, the same on HTTP and WebSocket (production mode)', () => {
  let gw: GatewayOnEmulator;
  let ws: Client;
  let closes: unknown[];
  beforeAll(async () => {
    gw = await startGatewayOnEmulator(SEED, { maxRetries: 0 }, {}, {}, { limits: LIMITS });
    closes = [];
    ws = createWsClient(gw.url, { lazy: false, onClosed: (e) => closes.push(e) });
  }, 60_000);
  afterAll(async () => {
    await ws?.dispose();
    await gw?.stop();
  });

  const refusedOnBoth = async (query: string, variables?: Record<string, unknown>) => {
    const both = await overBoth(gw.url, ws, query, variables);
    expect(both.httpStatus).toBe(400);
    const http = errorsOf(both.http);
    const overWs = errorsOf(both.ws);
    expect(overWs.map((e) => e.extensions)).toEqual(http.map((e) => e.extensions));
    return http;
  };

  it('refuses a document nested Binding.calls → Call.binding five levels deep with QUERY_TOO_DEEP, at once', async () => {
    const query = nestedBindingCalls(5);
    await postGraphql(gw.url, '{ apps { name } }'); // the connection and Apollo's first request out of the measurement
    const started = performance.now();
    const answer = await postGraphql(gw.url, query);
    const ms = performance.now() - started;
    console.log(`depth-5 Binding.calls → Call.binding refused over HTTP in ${ms.toFixed(1)} ms`);
    expect(errorsOf(answer.body)).toEqual([expect.objectContaining({ extensions: { code: 'QUERY_TOO_DEEP', limit: 10, depth: 22 } })]);
    expect(errorsOf(await wsRequest(ws, query))[0].extensions).toEqual({ code: 'QUERY_TOO_DEEP', limit: 10, depth: 22 });
  });

  it('refuses a selection 1,000 fields deep with QUERY_TOO_DEEP on both transports', async () => {
    const errors = await refusedOnBoth(deepSelection(1000));
    expect(errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: 10 });
    expect(errors[0].extensions!.depth).toBeGreaterThanOrEqual(1000);
  });

  it('refuses more aliases than maxAliases with TOO_MANY_ALIASES', async () => {
    const errors = await refusedOnBoth('{ a1: apps { name } a2: apps { name } a3: apps { name } a4: apps { name } }');
    expect(errors[0].extensions).toEqual({ code: 'TOO_MANY_ALIASES', limit: 3, aliases: 4 });
    expect((await postGraphql(gw.url, '{ a1: apps { name } a2: apps { name } a3: apps { name } }')).body.errors).toBeUndefined();
  });

  it('refuses more directives than maxDirectives with TOO_MANY_DIRECTIVES', async () => {
    const errors = await refusedOnBoth('{ apps { name @include(if: true) mode @include(if: true) appKey @include(if: true) __typename @skip(if: false) } }');
    expect(errors[0].extensions).toEqual({ code: 'TOO_MANY_DIRECTIVES', limit: 3, directives: 4 });
  });

  it('refuses more tokens than maxTokens while parsing with TOO_MANY_TOKENS', async () => {
    const errors = await refusedOnBoth(`{ apps { ${'name '.repeat(5000)} } }`);
    expect(errors).toEqual([expect.objectContaining({ extensions: { code: 'TOO_MANY_TOKENS', limit: 5000 } })]);
  });

  it('answers a document too deep to parse (10,000 nested selections) with an error message and keeps the socket', async () => {
    const errors = errorsOf(await wsRequest(ws, nestedNonsense(10_000)));
    expect(errors[0].extensions).toEqual({ code: 'TOO_MANY_TOKENS', limit: 5000 });
    const after = await wsRequest<{ apps: { name: string }[] }, undefined>(ws, '{ apps { name } }');
    expect(after.data?.apps).toHaveLength(4);
    expect(closes).toEqual([]);
  });

  it('counts `first` (or its default) times the selection of each connection against maxCost', async () => {
    const page = (first: number) => `{ bindings(first: ${first}) { edges { node { id status privacyNumber mode } } } }`;
    expect((await postGraphql(gw.url, page(50))).body.errors).toBeUndefined();
    expect((await wsRequest(ws, page(50))).errors).toBeUndefined();
    const errors = await refusedOnBoth(page(100));
    expect(errors[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX', limit: 500, cost: 600 } });
    // The same text again (its verdict is kept with its parsed document) is refused again, the cheap one still runs.
    expect((await postGraphql(gw.url, page(100))).body.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX', cost: 600 } });
    expect((await postGraphql(gw.url, page(50))).body.errors).toBeUndefined();
    // Variables are known when the cost is computed: one document, judged per request by its variables.
    const byVariable = 'query P($n: Int) { bindings(first: $n) { edges { node { id status privacyNumber mode } } } }';
    const viaVariable = await refusedOnBoth(byVariable, { n: 100 });
    expect(viaVariable[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 600 });
    expect((await postGraphql(gw.url, byVariable, { n: 50 })).body.errors).toBeUndefined();
    // privacyNumbers defaults to 50, PrivacyNumber.bindings to 20: 50 × (2 + 20 × 3) = 3100.
    const nested = await refusedOnBoth('{ privacyNumbers { edges { node { bindings { edges { node { id } } } } } } }');
    expect(nested[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 500, cost: 3100 });
    expect((await postGraphql(gw.url, '{ privacyNumbers(first: 5) { edges { node { bindings(first: 20) { edges { node { id } } } } } } }')).body.errors).toBeUndefined();
  });

  it('hides the schema: introspection refused on both transports, no suggestions, no GraphiQL', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Binding") { name } }']) {
      const errors = await refusedOnBoth(query);
      expect(errors[0]).toMatchObject({ message: expect.stringMatching(/introspection/i), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    }
    const misspelt = await refusedOnBoth('{ apps { nme } }');
    expect(misspelt[0].message).toBe('Cannot query field "nme" on type "App".');
    const page = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(await page.json()).toMatchObject({ error: 'NOT_FOUND' });
  });

  it('binding(id) with an id the mirror does not know asks no app without `app`, and only the named one with it', async () => {
    const gets = () => gw.emulator.requestCount({ method: 'GET' });
    const before = gets();
    const query = '{ b0: binding(id: "unknown-0") { id } b1: binding(id: "unknown-1") { id } b2: binding(id: "unknown-2") { id } }';
    expect((await postGraphql(gw.url, query)).body).toEqual({ data: { b0: null, b1: null, b2: null } });
    expect(gets()).toBe(before);
    const named = query.replace(/binding\(id: ("[^"]+")\)/g, 'binding(id: $1, app: "rides-west")');
    expect((await postGraphql(gw.url, named)).body).toEqual({ data: { b0: null, b1: null, b2: null } });
    expect(gets()).toBe(before + 3);
    expect(gw.emulator.requestCount({ method: 'GET', uri: '/rest/caas/relationnumber/partners/v1.0' })).toBe(3);
    const unknownApp = errorsOf((await postGraphql(gw.url, '{ binding(id: "unknown-3", app: "nope") { id } }')).body);
    expect(unknownApp[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'app' });
    expect(gets()).toBe(before + 3);
  });
});

describe('sandbox mode shows the schema', () => {
  const sandbox = gatewayWithClient();

  it('answers introspection on both transports, suggests field names and serves GraphiQL', async () => {
    const both = await overBoth(sandbox.gw.url, sandbox.ws, '{ __schema { queryType { name } } }');
    expect(both.http).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect(both.ws).toEqual(both.http);
    const misspelt = await overBoth(sandbox.gw.url, sandbox.ws, '{ apps { nme } }');
    expect(errorsOf(misspelt.http)[0].message).toMatch(/Did you mean "name"\?/);
    expect(errorsOf(misspelt.ws)[0].message).toMatch(/Did you mean "name"\?/);
    const page = await fetch(`${sandbox.gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('GraphiQL');
  });
});
