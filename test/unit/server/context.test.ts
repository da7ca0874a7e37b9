import { graphql, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import * as bindingLoader from '../../../src/bindings/binding.loader';
import { anonymousPrincipal } from '../../../src/auth/principal';
import { loadConfig } from '../../../src/config';
import type { PlatformClient } from '../../../src/platform';
import { createContextFactory, type FeatureServices, type GatewayContext } from '../../../src/server/context';
import type { Logger } from '../../../src/shared/logger';
import type { Db } from '../../../src/store/db';
import { captureLogger } from '../../helpers/capture-logger';

/** Counts the child loggers made from `logger`. */
function countingLogger(logger: Logger): { logger: Logger; children: () => number } {
  let children = 0;
  const counting = Object.create(logger) as Logger;
  counting.child = ((bindings: Record<string, unknown>) => {
    children++;
    return logger.child(bindings);
  }) as Logger['child'];
  return { logger: counting, children: () => children };
}

function setup() {
  const root = countingLogger(captureLogger('debug').logger);
  const bindingsLog = countingLogger(captureLogger('debug').logger);
  const config = loadConfig({}, () => '');
  const contextFor = createContextFactory({
    config,
    logger: root.logger,
    platform: { withSignal: () => ({}) } as unknown as PlatformClient,
    db: {} as Db,
    features: { bindings: { logger: bindingsLog.logger, repo: {}, now: () => new Date() }, numbers: {}, calls: {}, sms: {}, sandbox: null } as unknown as FeatureServices,
  });
  return { config, contextFor, root, bindingsLog };
}

const schema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, GatewayContext>({
    name: 'Query',
    fields: { apps: { type: new GraphQLList(GraphQLString), resolve: (_s, _a, ctx) => [...ctx.apps.keys()] } },
  }),
});

describe('the per-operation context', () => {
  afterEach(() => jest.restoreAllMocks());

  test('a trivial query builds no loader and no logger', async () => {
    const { config, contextFor, root, bindingsLog } = setup();
    const make = jest.spyOn(bindingLoader, 'createBindingLoader');
    const result = await graphql({ schema, source: '{ apps }', contextValue: contextFor('r1', 'http', anonymousPrincipal('admin')) });
    expect(result).toEqual({ data: { apps: config.apps.map((a) => a.name) } });
    expect(make).not.toHaveBeenCalled();
    expect(root.children()).toBe(0);
    expect(bindingsLog.children()).toBe(0);
  });

  test('loaders and loggers are made on first read, once per context; each context has its own', () => {
    const { contextFor, root, bindingsLog } = setup();
    const make = jest.spyOn(bindingLoader, 'createBindingLoader');
    const one = contextFor('r1', 'http', anonymousPrincipal('admin'));
    const two = contextFor('r2', 'ws', anonymousPrincipal('admin'));
    const loader = one.loaders.binding;
    expect(one.loaders.binding).toBe(loader);
    expect(two.loaders.binding).not.toBe(loader);
    // http loaders cache for the operation, ws ones (a subscription's whole life) only batch.
    expect(make.mock.calls.map((c) => c[1])).toEqual([true, false]);
    expect(one.logger).toBe(one.logger);
    expect(one.bindings.logger).toBe(one.bindings.logger);
    expect(root.children()).toBe(1);
    expect(bindingsLog.children()).toBe(1);
  });
});
