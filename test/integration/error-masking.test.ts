import { Authenticator } from '../../src/auth/authenticator';
import { anonymousPrincipal } from '../../src/auth/principal';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { loadConfig } from '../../src/config';
import { ErrorCode, UserInputError } from '../../src/errors';
import type { PlatformClient } from '../../src/platform';
import { createApollo } from '../../src/server/apollo';
import { createContextFactory, type FeatureServices } from '../../src/server/context';
import { createGraphqlWsServer, type GraphqlWsServer } from '../../src/server/graphql-ws';
import { createLimits } from '../../src/server/limits/limits';
import { GatewayMetrics } from '../../src/server/metrics';
import type { Db } from '../../src/store/db';
import { captureLogger } from '../helpers/capture-logger';
import { createWsClient, wsRequest } from '../helpers/graphql-client';

/** A schema with one field failing unexpectedly (leaking a phone number) and one failing with a public error. */
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      boom: {
        type: GraphQLString,
        resolve: () => {
          throw new Error('connection to db://user:pw@10.0.0.1 failed while loading +8613800000021');
        },
      },
      picky: {
        type: GraphQLString,
        resolve: () => {
          throw new UserInputError('input.partyA', 'must be in global format');
        },
      },
      fine: { type: GraphQLString, resolve: () => 'ok' },
    },
  }),
});

function setup() {
  const capture = captureLogger('debug');
  const metrics = new GatewayMetrics({ processMetrics: false });
  const contextFor = createContextFactory({
    config: loadConfig({}, () => ''),
    logger: capture.logger,
    platform: { withSignal: () => ({}) } as unknown as PlatformClient,
    db: {} as Db,
    // The schema of this test uses no feature: their services are never touched (the context only gives the
    // bindings logger the request id).
    features: { bindings: { logger: capture.logger }, numbers: {}, calls: {}, sms: {}, sandbox: null } as unknown as FeatureServices,
  });
  return { capture, metrics, contextFor };
}

describe('error masking and operation logs', () => {
  it('HTTP (Apollo): masks unknown errors, keeps public ones, logs the details once with the request id', async () => {
    const { capture, metrics, contextFor } = setup();
    const apollo = createApollo(schema, metrics, createLimits(loadConfig({}, () => '')));
    await apollo.start();
    try {
      const response = await apollo.executeOperation({ query: 'query Mixed { boom picky fine }' }, { contextValue: contextFor('req-http-1', 'http', anonymousPrincipal('admin')) });
      const result = response.body.kind === 'single' ? response.body.singleResult : null;
      expect(result?.data).toEqual({ boom: null, picky: null, fine: 'ok' });
      expect(result?.errors).toEqual([
        { message: 'Internal server error', locations: [{ line: 1, column: 15 }], path: ['boom'], extensions: { code: ErrorCode.InternalServerError } },
        {
          message: 'input.partyA: must be in global format',
          locations: [{ line: 1, column: 20 }],
          path: ['picky'],
          extensions: { code: ErrorCode.BadUserInput, field: 'input.partyA' },
        },
      ]);
      const internal = capture.lines.filter((l) => l.level === 50);
      expect(internal).toHaveLength(1);
      expect(internal[0]).toMatchObject({ requestId: 'req-http-1', operationName: 'Mixed', path: 'boom', code: 'INTERNAL_SERVER_ERROR' });
      expect(JSON.stringify(internal[0])).toContain('connection to db://');
      expect(capture.lines.filter((l) => l.level === 40)).toEqual([expect.objectContaining({ requestId: 'req-http-1', code: 'BAD_USER_INPUT' })]);
      expect(capture.lines.filter((l) => l.msg === 'GraphQL operation')).toEqual([
        expect.objectContaining({ level: 20, requestId: 'req-http-1', transport: 'http', operationName: 'Mixed', operationType: 'query', outcome: 'error' }),
      ]);
      expect(capture.text()).not.toContain('+8613800000021');
      expect(await metrics.render()).toContain('gateway_graphql_operations_total{operation="Mixed",type="query",outcome="error",transport="http"} 1');
    } finally {
      await apollo.stop();
    }
  });

  describe('WebSocket (graphql-ws)', () => {
    let server: Server;
    let ws: GraphqlWsServer;
    let url: string;
    let capture: ReturnType<typeof captureLogger>;

    beforeAll(async () => {
      const deps = setup();
      capture = deps.capture;
      ws = createGraphqlWsServer({ schema, contextFor: deps.contextFor, authenticator: new Authenticator(loadConfig({}, () => '').auth, []), logger: capture.logger, metrics: deps.metrics, maxPayloadBytes: 1024, limits: createLimits(loadConfig({}, () => '')) });
      server = createServer((_req, res) => res.writeHead(404).end());
      server.on('upgrade', (req, socket, head) => ws.handleUpgrade(req, socket, head));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await ws.close(1000);
      await new Promise((resolve) => server.close(resolve));
    });

    it('formats errors exactly as the HTTP path does and logs them with a request id', async () => {
      const client = createWsClient(url);
      try {
        const result = await wsRequest(client, 'query Mixed { boom picky fine }');
        expect(result.data).toEqual({ boom: null, picky: null, fine: 'ok' });
        expect(result.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
          ['Internal server error', 'INTERNAL_SERVER_ERROR'],
          ['input.partyA: must be in global format', 'BAD_USER_INPUT'],
        ]);
        const internal = capture.lines.filter((l) => l.level === 50);
        expect(internal).toHaveLength(1);
        expect(internal[0].requestId).toMatch(/^[\w-]+:[\w-]+$/);
        expect(capture.lines.filter((l) => l.msg === 'GraphQL operation')).toEqual([
          expect.objectContaining({ transport: 'ws', operationName: 'Mixed', outcome: 'error', requestId: internal[0].requestId }),
        ]);
        expect(capture.text()).not.toContain('+8613800000021');
      } finally {
        await client.dispose();
      }
    });

    it('answers bad variables with BAD_USER_INPUT and closes sockets sending oversized messages', async () => {
      const client = createWsClient(url);
      try {
        const coercion = await wsRequest(client, 'query Q($b: Boolean!) { fine @skip(if: $b) }', { b: 'yes' } as never);
        expect(coercion.data).toBeUndefined();
        expect(coercion.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        let closeCode: number | undefined;
        const big = createWsClient(url, { onClosed: (e) => (closeCode = (e as { code: number }).code) });
        await expect(wsRequest(big, `{ fine } # ${'x'.repeat(2048)}`)).rejects.toBeDefined();
        expect(closeCode).toBe(1009);
        expect(capture.lines).toContainEqual(expect.objectContaining({ level: 40, msg: 'WebSocket closed after a protocol error' }));
        await big.dispose();
      } finally {
        await client.dispose();
      }
    });
  });
});
