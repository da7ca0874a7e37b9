import { startTestGateway, type TestGateway } from '../helpers/gateway';

describe('GraphiQL page', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.stop();
  });

  const page = () => fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' } });

  it('is served to browsers on GET /graphql, restricted to this origin', async () => {
    const res = await page();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<div id="graphiql">');
    expect(html).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+/i);
  });

  it('references only its own assets, each served with the right content type', async () => {
    const html = await (await page()).text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((ref) => ref !== 'data:,');
    expect(refs.length).toBeGreaterThanOrEqual(6);
    for (const ref of refs) {
      expect(ref).toMatch(/^\/graphql\/assets\/[\w.-]+\.(js|css)$/);
      const asset = await fetch(`${gw.url}${ref}`);
      expect(asset.status).toBe(200);
      const expected = ref.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
      expect(asset.headers.get('content-type')).toBe(expected);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('runs subscriptions over graphql-ws on this origin', async () => {
    const init = await (await fetch(`${gw.url}/graphql/assets/init.js`)).text();
    expect(init).toContain('graphqlWs.createClient');
    expect(init).toContain("replace(/^http/, 'ws')");
    expect(init).toContain('window.location');
    const wsBundle = await (await fetch(`${gw.url}/graphql/assets/graphql-ws.min.js`)).text();
    expect(wsBundle).toContain('graphqlWs');
  });

  it('answers 404 for an unknown asset and GraphQL clients still get GraphQL on GET', async () => {
    expect((await fetch(`${gw.url}/graphql/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${gw.url}/graphql/assets/..%2Fpackage.json`)).status).toBe(404);
    const gql = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ apps { name } }')}`, {
      headers: { accept: 'text/html, application/json', 'apollo-require-preflight': '1' },
    });
    expect(gql.status).toBe(200);
    expect(gql.headers.get('content-type')).toMatch(/json/);
  });
});
