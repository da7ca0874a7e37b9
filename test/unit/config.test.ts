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
  auth: { allowAnonymous: true },
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
    expect(config.apps[1]).toMatchObject({ name: 'shop-ax', mode: 'AX', numbers: [], webhookAuth: 'enforce', webhookPathToken: null });
  });

  it('reads LOG_FORMAT: auto by default, json or pretty when set, a problem otherwise', () => {
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(problemsOf({ LOG_FORMAT: 'colour' }, files({}))).toEqual(['LOG_FORMAT must be one of json, pretty, auto, got "colour"']);
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
    expect(problems).toEqual([expect.stringMatching(/apps\[1\]\.numbers\[0\] is already listed at apps\[0\]\.numbers\[0\]$/)]);
  });

  it('reads a number entry as a string or { number, cityCode } and names a misspelt key in it', () => {
    const apps = [{ ...goodFile.apps[0], numbers: [{ number: '+8617000000001', city: '0755' }, 8617000000002] }];
    expect(problemsOf({ GATEWAY_CONFIG: 'gw.json' }, files({ [resolve('gw.json')]: JSON.stringify({ ...goodFile, apps }) }))).toEqual([
      'GATEWAY_CONFIG: apps[0].numbers[0]: unknown key "city" (known: number, cityCode)',
      'GATEWAY_CONFIG: apps[0].numbers[1].number must be a phone number in global format (+86...)',
    ]);
  });

  it('names the variable or field of every problem in its own words, whatever the wrong value', () => {
    const fields = ['platform', 'platform.baseUrl', 'platform.authScheme', 'platform.timeoutMs', 'apps', 'apps.0', 'apps.0.name', 'apps.0.mode', 'apps.0.numbers', 'apps.0.numbers.0', 'apps.0.numbers.1.cityCode', 'apps.0.webhookAuth', 'apps.0.webhookPathToken', 'webhooks', 'webhooks.allowedSourceCidrs', 'webhooks.smsTimeoutDecision', 'cors', 'cors.allowedOrigins', 'metrics', 'metrics.token', 'metrics.port', 'metrics.public', 'auth', 'auth.allowAnonymous', 'auth.anonymousRole', 'auth.apiKeys', 'auth.apiKeys.0', 'auth.apiKeys.0.apps', 'auth.jwt', 'auth.jwt.publicKeys', 'auth.jwt.jwksUrl', 'limits', 'limits.maxDepth', 'graphql', 'graphql.graphiql', 'retention', 'retention.batchSize'];
    const values: unknown[] = [null, 5, -1, 0.5, 'x', '', true, [], [null], [5], ['x'], {}, [{}]];
    for (const field of fields) {
      for (const value of values) {
        const file = JSON.parse(JSON.stringify(goodFile)) as Record<string, unknown>;
        const keys = field.split('.');
        let at = file;
        for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
        at[keys[keys.length - 1]] = value;
        let problems: readonly string[] = [];
        try {
          loadConfig({ GATEWAY_CONFIG: 'gw.json' }, files({ [resolve('gw.json')]: JSON.stringify(file) }));
        } catch (err) {
          problems = (err as ConfigError).problems;
        }
        for (const problem of problems) expect(problem).toMatch(/^GATEWAY_CONFIG(: [a-zA-Z]+(\[\d+\]|\.[a-zA-Z0-9]+)*)?:? (must|is|needs|true|unknown|no app)/);
        for (const problem of problems) expect(problem).not.toMatch(/Invalid input|expected|received/i);
      }
    }
  });

  describe('edge settings (cors, metrics, webhook hardening)', () => {
    const prod = (extra: Record<string, unknown>, apps: Record<string, unknown>[] = goodFile.apps) =>
      loadConfig({ GATEWAY_CONFIG: 'gw.json' }, files({ [resolve('gw.json')]: JSON.stringify({ ...goodFile, apps, ...extra }) }));
    const prodProblems = (extra: Record<string, unknown>, apps: Record<string, unknown>[] = goodFile.apps) =>
      problemsOf({ GATEWAY_CONFIG: 'gw.json' }, files({ [resolve('gw.json')]: JSON.stringify({ ...goodFile, apps, ...extra }) }));
    const TOKEN = 'tok_0123456789abcdefXYZ';

    it('defaults: sandbox allows localhost origins, public metrics, log webhookAuth; production none of them', () => {
      const sandbox = loadConfig({}, files({}));
      expect(sandbox.cors.allowedOrigins).toEqual(['http://localhost:*', 'http://127.0.0.1:*']);
      expect(sandbox.metrics).toEqual({ token: null, port: null, public: true });
      expect(sandbox.apps.every((a) => a.webhookAuth === 'log' && a.webhookPathToken === null)).toBe(true);
      expect(sandbox.webhooks.allowedSourceCidrs).toBeNull();
      expect(loadConfig({ SANDBOX_WEBHOOK_AUTH: 'enforce' }, files({})).apps.every((a) => a.webhookAuth === 'enforce')).toBe(true);

      const production = prod({});
      expect(production.cors.allowedOrigins).toEqual([]);
      expect(production.metrics).toEqual({ token: null, port: null, public: false });
      expect(production.apps.map((a) => a.webhookAuth)).toEqual(['enforce', 'enforce']);
      expect(production.webhooks.allowedSourceCidrs).toBeNull();
    });

    it('reads cors.allowedOrigins in canonical form; * only with auth.allowAnonymous', () => {
      const config = prod({ cors: { allowedOrigins: ['https://App.Example.com', 'https://a.example.com:443', 'http://localhost:*', 'http://[::1]:8080'] } });
      expect(config.cors.allowedOrigins).toEqual(['https://app.example.com', 'https://a.example.com', 'http://localhost:*', 'http://[::1]:8080']);
      expect(prod({ cors: { allowedOrigins: ['*'] }, auth: { allowAnonymous: true } }).cors.allowedOrigins).toEqual(['*']);
      expect(prodProblems({ cors: { allowedOrigins: ['*'] }, auth: { apiKeys: [{ name: 'k', sha256: 'a'.repeat(64), role: 'viewer' }] } })).toEqual(['GATEWAY_CONFIG: cors.allowedOrigins[0] "*" is allowed only with auth.allowAnonymous: true']);
      expect(prodProblems({ cors: { allowedOrigins: ['*'] }, auth: { allowAnonymous: 'yes' } })).toContain('GATEWAY_CONFIG: cors.allowedOrigins[0] "*" is allowed only with auth.allowAnonymous: true');
      expect(prodProblems({ cors: { allowedOrigins: ['https://app.example.com/path', 'ftp://x.example', 'app.example.com', 7], origins: [] } })).toEqual([
        'GATEWAY_CONFIG: cors.allowedOrigins[0] must be an origin such as https://app.example.com, http://localhost:* or *, got "https://app.example.com/path"',
        expect.stringMatching(/^GATEWAY_CONFIG: cors\.allowedOrigins\[1\] must be an origin/),
        expect.stringMatching(/^GATEWAY_CONFIG: cors\.allowedOrigins\[2\] must be an origin/),
        expect.stringMatching(/^GATEWAY_CONFIG: cors\.allowedOrigins\[3\] must be an origin .*, got 7$/),
        'GATEWAY_CONFIG: cors: unknown key "origins" (known: allowedOrigins)',
      ]);
      expect(prodProblems({ cors: { allowedOrigins: 'https://app.example.com' } })).toEqual(['GATEWAY_CONFIG: cors.allowedOrigins must be an array of origins']);
    });

    it('reads metrics: a token, a separate port, or public; problems never repeat the token', () => {
      expect(prod({ metrics: { token: TOKEN } }).metrics).toEqual({ token: TOKEN, port: null, public: false });
      expect(prod({ metrics: { port: 9464 } }).metrics).toEqual({ token: null, port: 9464, public: false });
      expect(prod({ metrics: { public: true } }).metrics).toEqual({ token: null, port: null, public: true });
      const problems = prodProblems({ metrics: { token: 'short secret', port: 70000, public: 'no', path: '/m' } });
      expect(problems).toEqual([
        'GATEWAY_CONFIG: metrics.token must be 16 to 256 printable characters without spaces',
        'GATEWAY_CONFIG: metrics.port must be an integer from 0 to 65535, got 70000',
        'GATEWAY_CONFIG: metrics.public must be true or false, got "no"',
        'GATEWAY_CONFIG: metrics: unknown key "path" (known: token, port, public)',
      ]);
      expect(problems.join('\n')).not.toContain('short secret');
      expect(prodProblems({ metrics: { token: TOKEN, port: 9464 } })).toEqual([expect.stringMatching(/^GATEWAY_CONFIG: metrics\.port serves \/metrics without a token/)]);
      expect(prodProblems({ metrics: { token: TOKEN, public: true } })).toEqual([expect.stringMatching(/^GATEWAY_CONFIG: metrics\.public: true makes metrics\.token pointless/)]);
    });

    it('reads apps[].webhookPathToken and names the field when it is not 16-128 of [A-Za-z0-9_-]', () => {
      const config = prod({}, [{ ...goodFile.apps[0], webhookPathToken: TOKEN }, { ...goodFile.apps[1], webhookAuth: 'log' }]);
      expect(config.apps.map((a) => [a.webhookPathToken, a.webhookAuth])).toEqual([[TOKEN, 'enforce'], [null, 'log']]);
      const problems = prodProblems({}, [
        { ...goodFile.apps[0], webhookPathToken: 'too-short' },
        { ...goodFile.apps[1], webhookPathToken: 'has/a/slash/in/it/0123456789' },
      ]);
      expect(problems).toEqual([
        'GATEWAY_CONFIG: apps[0].webhookPathToken must be 16 to 128 characters of [A-Za-z0-9_-]',
        'GATEWAY_CONFIG: apps[1].webhookPathToken must be 16 to 128 characters of [A-Za-z0-9_-]',
      ]);
      expect(prodProblems({}, [{ ...goodFile.apps[0], webhookPathToken: 12345678901234567 }])).toHaveLength(1);
    });

    it('reads webhooks.allowedSourceCidrs (IPv4 and IPv6) and names each invalid entry', () => {
      expect(prod({ webhooks: { allowedSourceCidrs: ['10.0.0.0/8', '2001:db8::/32', '192.0.2.7'] } }).webhooks.allowedSourceCidrs).toEqual(['10.0.0.0/8', '2001:db8::/32', '192.0.2.7/32']);
      expect(prodProblems({ webhooks: { allowedSourceCidrs: ['10.0.0.0/33', 'example.com/8', '2001:db8::/129', '10.0.0.0/8/1'] } })).toEqual([
        'GATEWAY_CONFIG: webhooks.allowedSourceCidrs[0] must be a CIDR range such as 10.0.0.0/8 or 2001:db8::/32, got "10.0.0.0/33"',
        'GATEWAY_CONFIG: webhooks.allowedSourceCidrs[1] must be a CIDR range such as 10.0.0.0/8 or 2001:db8::/32, got "example.com/8"',
        'GATEWAY_CONFIG: webhooks.allowedSourceCidrs[2] must be a CIDR range such as 10.0.0.0/8 or 2001:db8::/32, got "2001:db8::/129"',
        'GATEWAY_CONFIG: webhooks.allowedSourceCidrs[3] must be a CIDR range such as 10.0.0.0/8 or 2001:db8::/32, got "10.0.0.0/8/1"',
      ]);
      expect(prodProblems({ webhooks: { allowedSourceCidrs: [] } })).toEqual([expect.stringMatching(/^GATEWAY_CONFIG: webhooks\.allowedSourceCidrs must be a non-empty array/)]);
    });

    it('reports every edge problem at once', () => {
      const problems = prodProblems({ cors: { allowedOrigins: ['nope'] }, metrics: { port: -1 }, webhooks: { allowedSourceCidrs: ['x'] } }, [{ ...goodFile.apps[0], webhookPathToken: 'x' }]);
      expect(problems).toHaveLength(4);
    });
  });

  it('formats the problems as one message, one per line', () => {
    try {
      loadConfig({ PORT: '-1', LOG_LEVEL: 'x' }, files({}));
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as Error).message).toBe('Invalid configuration:\n  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "x"\n  - PORT must be an integer from 0 to 65535, got "-1"');
    }
  });

  describe('auth', () => {
    const HASH = 'a'.repeat(64);
    const withAuth = (auth: unknown) => {
      const { auth: _open, ...rest } = goodFile;
      return files({ [resolve('gw.json')]: JSON.stringify(auth === undefined ? rest : { ...rest, auth }) });
    };
    const prod = { GATEWAY_CONFIG: 'gw.json' };

    it('is off in sandbox mode: every request acts as admin', () => {
      expect(loadConfig({}).auth).toEqual({ enabled: false, allowAnonymous: true, anonymousRole: 'admin', apiKeys: [], jwt: null });
    });

    it('refuses to start in production without an auth section, saying how to open it on purpose', () => {
      expect(problemsOf(prod, withAuth(undefined))).toEqual([expect.stringMatching(/auth is required in production.*"allowAnonymous": true/)]);
    });

    it('refuses an auth section that lets nobody in', () => {
      expect(problemsOf(prod, withAuth({}))).toEqual(['GATEWAY_CONFIG: auth must configure apiKeys or jwt, or set allowAnonymous: true']);
    });

    it('reads API keys by hash, with role and app scope', () => {
      const config = loadConfig(prod, withAuth({ apiKeys: [{ name: 'support', sha256: HASH.toUpperCase(), role: 'viewer', apps: ['shop-axb'] }, { name: 'ops', sha256: 'b'.repeat(64), role: 'operator' }] }));
      expect(config.auth).toEqual({
        enabled: true,
        allowAnonymous: false,
        anonymousRole: 'admin',
        apiKeys: [
          { name: 'support', sha256: HASH, role: 'viewer', apps: ['shop-axb'] },
          { name: 'ops', sha256: 'b'.repeat(64), role: 'operator', apps: null },
        ],
        jwt: null,
      });
    });

    it('names every bad API key field without echoing the value', () => {
      const problems = problemsOf(prod, withAuth({ apiKeys: [{ name: '', sha256: 'my-secret-key', role: 'root', apps: ['nope'], extra: 1 }, { name: 'x', sha256: HASH, role: 'viewer' }, { name: 'x', sha256: HASH, role: 'viewer' }] }));
      expect(problems).toEqual([
        'GATEWAY_CONFIG: auth.apiKeys[0].name must be a non-empty string',
        "GATEWAY_CONFIG: auth.apiKeys[0].sha256 must be the 64 hex digits of the key's sha256 (npm run apikey prints one)",
        'GATEWAY_CONFIG: auth.apiKeys[0].role must be one of viewer, operator, admin, got "root"',
        'GATEWAY_CONFIG: auth.apiKeys[0].apps: no app named "nope" is configured',
        'GATEWAY_CONFIG: auth.apiKeys[0]: unknown key "extra" (known: name, sha256, role, apps)',
        'GATEWAY_CONFIG: auth.apiKeys[2].name "x" is used twice',
        "GATEWAY_CONFIG: auth.apiKeys[2].sha256 is the same as another key's",
      ]);
      expect(problems.join('\n')).not.toContain('my-secret-key');
    });

    it('reads a JWT issuer with a JWKS URL or PEM keys, with claim names and clock tolerance defaulted', () => {
      const jwt = { issuer: 'https://id.example', audience: 'pn-gateway', jwksUrl: 'https://id.example/.well-known/jwks.json' };
      expect(loadConfig(prod, withAuth({ jwt })).auth.jwt).toEqual({ ...jwt, publicKeys: [], roleClaim: 'pn_role', appsClaim: 'pn_apps', clockToleranceSeconds: 30 });
      const pem = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----';
      expect(loadConfig(prod, withAuth({ jwt: { issuer: 'i', audience: 'a', publicKeys: [pem], roleClaim: 'role' } })).auth.jwt).toMatchObject({ publicKeys: [pem], jwksUrl: null, roleClaim: 'role' });
    });

    it('names the JWT fields that are wrong', () => {
      expect(problemsOf(prod, withAuth({ jwt: { issuer: '', jwksUrl: 'ftp://x', publicKeys: ['not a key'], clockToleranceSeconds: -1 } }))).toEqual([
        'GATEWAY_CONFIG: auth.jwt.issuer must be a non-empty string',
        'GATEWAY_CONFIG: auth.jwt.audience must be a non-empty string',
        'GATEWAY_CONFIG: auth.jwt.jwksUrl must be an http(s) URL',
        'GATEWAY_CONFIG: auth.jwt.publicKeys must be a non-empty array of PEM public keys ("-----BEGIN PUBLIC KEY-----...")',
        'GATEWAY_CONFIG: auth.jwt.clockToleranceSeconds must be an integer from 0 to 600, got -1',
      ]);
      expect(problemsOf(prod, withAuth({ jwt: { issuer: 'i', audience: 'a' } }))).toEqual(['GATEWAY_CONFIG: auth.jwt needs exactly one of jwksUrl or publicKeys']);
    });
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
      subscriptionBufferEntries: 1000,
    };

    it('has the same limit defaults in both modes, but ten times the rates in sandbox', () => {
      expect(loadConfig({}, files({})).limits).toEqual({ ...defaults, socketMessagesPerSecond: 500, clientOperationsPerSecond: 1000 });
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

  describe('retention', () => {
    const production = (extra: Record<string, unknown>) => loadConfig({ GATEWAY_CONFIG: 'gw.json' }, files({ [resolve('gw.json')]: JSON.stringify({ ...goodFile, ...extra }) }));

    it('keeps each kind for its default number of days in both modes', () => {
      const defaults = {
        callEventsDays: 90,
        callRecordsDays: 180,
        smsMessagesDays: 90,
        smsContentDays: 7,
        rawBodiesDays: 7,
        eventLogDays: 7,
        deadLettersDays: 30,
        idempotencyKeysDays: 1,
        purgeIntervalMinutes: 60,
        batchSize: 500,
      };
      expect(loadConfig({}, files({})).retention).toEqual(defaults);
      expect(production({}).retention).toEqual(defaults);
      expect(production({ retention: { smsContentDays: 0.5, eventLogDays: 0 } }).retention).toMatchObject({ smsContentDays: 0.5, eventLogDays: 0 });
    });

    it('names a bad value and an unknown key', () => {
      const problems = problemsOf({ GATEWAY_CONFIG: 'gw.json' }, files({ [resolve('gw.json')]: JSON.stringify({ ...goodFile, retention: { smsContentDays: -1, batchSize: 2.5, keepForever: true } }) }));
      expect(problems).toEqual([
        'GATEWAY_CONFIG: retention.smsContentDays must be a number from 0 to 3650, got -1',
        'GATEWAY_CONFIG: retention.batchSize must be an integer from 10 to 10000, got 2.5',
        expect.stringMatching(/^GATEWAY_CONFIG: retention: unknown key "keepForever"/),
      ]);
    });
  });
});
