import { resolve } from 'node:path';
import { loadConfig, type Env } from '../../src/config';
import { ConfigError } from '../../src/errors';

const files = (content: Record<string, string>) => (path: string) => {
  const text = content[path];
  if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  return text;
};

function problemsOf(env: Env, read = files({})): readonly string[] {
  try {
    loadConfig(env, read);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const goodFile = {
  platform: { baseUrl: 'https://rtcpns.cn-north-1.myhuaweicloud.com' },
  apps: [
    { name: 'shop-axb', mode: 'AXB', appKey: 'key-axb', appSecret: 'secret-axb', numbers: ['+8617000000001', { number: '+8617000000002', cityCode: '0755' }] },
    { name: 'shop-ax', mode: 'AX', appKey: 'key-ax', appSecret: 'secret-ax' },
  ],
};

describe('loadConfig', () => {
  it('defaults to sandbox mode with the four sandbox apps', () => {
    const config = loadConfig({}, files({}));
    expect(config.sandbox).toBe(true);
    expect(config.http).toEqual({ host: '127.0.0.1', port: 4000 });
    expect(config.dataDir).toBe(resolve('./data'));
    expect(config.databaseUrl).toBeNull();
    expect(config.apps.map((a) => [a.name, a.mode])).toEqual([
      ['sandbox-ax', 'AX'],
      ['sandbox-axb', 'AXB'],
      ['sandbox-axe', 'AXE'],
      ['sandbox-axyb', 'AXYB'],
    ]);
    expect(Object.isFrozen(config.apps[0])).toBe(true);
  });

  it('reads production settings from GATEWAY_CONFIG and the environment', () => {
    const config = loadConfig(
      { GATEWAY_CONFIG: 'gw.json', PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/var/lib/gw', DATABASE_URL: 'postgres://db/gw', LOG_LEVEL: 'debug' },
      files({ [resolve('gw.json')]: JSON.stringify(goodFile) }),
    );
    expect(config.sandbox).toBe(false);
    expect(config.platform.baseUrl).toBe('https://rtcpns.cn-north-1.myhuaweicloud.com');
    expect(config.http).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(config.databaseUrl).toBe('postgres://db/gw');
    expect(config.logLevel).toBe('debug');
    expect(config.apps[0].numbers).toEqual([{ number: '+8617000000001' }, { number: '+8617000000002', cityCode: '0755' }]);
    expect(config.apps[1]).toMatchObject({ name: 'shop-ax', mode: 'AX', numbers: [], webhookAuth: 'log' });
  });

  it('reads the fan-out settings: no Redis by default, REDIS_URL and REDIS_PREFIX (default pn:) when set', () => {
    expect(loadConfig({})).toMatchObject({ redisUrl: null, redisPrefix: 'pn:' });
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2', REDIS_PREFIX: 'pn-staging:' })).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379/2', redisPrefix: 'pn-staging:' });
    expect(problemsOf({ REDIS_PREFIX: 'has space' }, files({}))).toEqual([expect.stringMatching(/^REDIS_PREFIX must be 1 to 64 of/)]);
  });

  it('lists every problem at once', () => {
    const bad = {
      platform: { baseUrl: 'rtcpns.example.com/path', timeoutMs: 5, retries: 3 },
      apps: [
        { name: 'a', mode: 'AXZ', appKey: 'k', appSecret: '', numbers: ['13800000001'] },
        { name: 'a', mode: 'AX', appKey: 'k2', appSecret: 's', numbers: [{ number: '+8617000000001', cityCode: '755' }] },
        'not an app',
      ],
      webhook: {},
    };
    const problems = problemsOf(
      { GATEWAY_CONFIG: 'bad.json', PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://r', SANDBOX_TIME_SCALE: '0' },
      files({ [resolve('bad.json')]: JSON.stringify(bad) }),
    );
    const expected = [
      /^PORT must be an integer/,
      /^LOG_LEVEL must be one of/,
      /^DATABASE_URL must start with postgres/,
      /^REDIS_URL must start with redis/,
      /^SANDBOX_TIME_SCALE/,
      /unknown key "webhook"/,
      /platform: unknown key "retries"/,
      /platform\.baseUrl must be an http\(s\) URL/,
      /platform\.timeoutMs must be an integer from 100/,
      /apps\[0\]\.mode must be one of AX, AXB, AXE, AXYB, got "AXZ"/,
      /apps\[0\]\.appSecret must be a non-empty string/,
      /apps\[0\]\.numbers\[0\]\.number must be a phone number in global format/,
      /apps\[1\]\.name "a" is used twice/,
      /apps\[1\]\.numbers\[0\]\.cityCode must be a city code/,
      /apps\[2\] must be a JSON object/,
    ];
    for (const pattern of expected) expect(problems.some((p) => pattern.test(p))).toBe(true);
    expect(problems.length).toBeGreaterThanOrEqual(expected.length);
  });

  it('says so when GATEWAY_CONFIG cannot be read or parsed', () => {
    expect(problemsOf({ GATEWAY_CONFIG: 'missing.json' })).toEqual([expect.stringMatching(/^GATEWAY_CONFIG: cannot read missing\.json: ENOENT/)]);
    const parse = problemsOf({ GATEWAY_CONFIG: 'x.json' }, files({ [resolve('x.json')]: '{"apps": [' }));
    expect(parse[0]).toMatch(/^GATEWAY_CONFIG: cannot read x\.json: .*JSON/);
  });

  it('refuses a number listed by two apps', () => {
    const twice = { ...goodFile, apps: [goodFile.apps[0], { ...goodFile.apps[1], numbers: ['+8617000000001'] }] };
    const problems = problemsOf({ GATEWAY_CONFIG: 'gw.json' }, files({ [resolve('gw.json')]: JSON.stringify(twice) }));
    expect(problems).toEqual([expect.stringMatching(/apps\[1\]\.numbers\[0\] is already listed at GATEWAY_CONFIG\.apps\[0\]\.numbers\[0\]/)]);
  });

  it('formats the problems as one message, one per line', () => {
    try {
      loadConfig({ PORT: '-1', LOG_LEVEL: 'x' }, files({}));
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as Error).message).toBe('Invalid configuration:\n  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "x"\n  - PORT must be an integer from 0 to 65535, got "-1"');
    }
  });
  describe('limits and graphql sections', () => {
    const production = (extra: Record<string, unknown>) => loadConfig({ GATEWAY_CONFIG: 'gw.json' }, files({ [resolve('gw.json')]: JSON.stringify({ ...goodFile, ...extra }) }));
    const problemsWith = (extra: Record<string, unknown>) =>
      problemsOf({ GATEWAY_CONFIG: 'gw.json' }, files({ [resolve('gw.json')]: JSON.stringify({ ...goodFile, ...extra }) }));
    const defaults = {
      maxDepth: 10,
      maxAliases: 15,
      maxTokens: 1000,
      maxDirectives: 50,
      maxCost: 5000,
      operationTimeoutMs: 30_000,
      maxOperationsPerSocket: 100,
      maxSocketsPerClient: 200,
      connectionInitTimeoutMs: 5000,
      socketMessagesPerSecond: 50,
      clientOperationsPerSecond: 100,
    };

    it('has the same limit defaults in both modes', () => {
      expect(loadConfig({}, files({})).limits).toEqual(defaults);
      expect(production({}).limits).toEqual(defaults);
    });

    it('shows introspection, suggestions and GraphiQL in sandbox and hides them in production unless the file says so', () => {
      expect(loadConfig({}, files({})).graphql).toEqual({ introspection: true, fieldSuggestions: true, graphiql: true });
      expect(production({}).graphql).toEqual({ introspection: false, fieldSuggestions: false, graphiql: false });
      expect(production({ graphql: { introspection: true, graphiql: true } }).graphql).toEqual({ introspection: true, fieldSuggestions: false, graphiql: true });
    });

    it('reads each limit from the file', () => {
      const limits = production({ limits: { maxDepth: 4, maxCost: 200, operationTimeoutMs: 250, maxSocketsPerClient: 2 } }).limits;
      expect(limits).toEqual({ ...defaults, maxDepth: 4, maxCost: 200, operationTimeoutMs: 250, maxSocketsPerClient: 2 });
    });

    it('names the field of a bad value and reports unknown keys', () => {
      expect(problemsWith({ limits: { maxDepth: 0 } })).toEqual(['GATEWAY_CONFIG: limits.maxDepth must be an integer from 1 to 100, got 0']);
      expect(problemsWith({ limits: { maxCost: 'lots' } })).toEqual(['GATEWAY_CONFIG: limits.maxCost must be an integer from 1 to 1000000, got "lots"']);
      expect(problemsWith({ graphql: { introspection: 'yes' } })).toEqual(['GATEWAY_CONFIG: graphql.introspection must be true or false, got "yes"']);
      expect(problemsWith({ limits: { maxDepht: 3 } })).toEqual([expect.stringMatching(/^GATEWAY_CONFIG: limits: unknown key "maxDepht" \(known: maxDepth, /)]);
      expect(problemsWith({ graphql: [] })).toEqual(['GATEWAY_CONFIG: graphql must be a JSON object']);
    });
  });
});
