import { startGatewayOnEmulator, startTestGateway, type GatewayOnEmulator } from '../../helpers/gateway';
import { captureLogger } from '../../helpers/capture-logger';

const TOKEN = 'metrics_0123456789abcdef_TOKEN';
const seed = (name: string) => ({ apps: [{ name, mode: 'AXB' as const, appKey: `${name}Key0000`, appSecret: `${name}Secret0000`, numbers: [{ number: '+8617100000201', cityCode: '0755' }] }] });

const scrape = async (url: string, authorization?: string): Promise<{ status: number; text: string; headers: Headers }> => {
  const res = await fetch(`${url}/metrics`, { headers: authorization === undefined ? {} : { authorization } });
  return { status: res.status, text: await res.text(), headers: res.headers };
};

describe('/metrics protection', () => {
  it('sandbox: public on the main port', async () => {
    const gw = await startTestGateway();
    try {
      const res = await scrape(gw.url);
      expect(res.status).toBe(200);
      expect(res.text).toContain('gateway_http_requests_total');
      expect(gw.gateway.metricsUrl).toBeNull();
    } finally {
      await gw.stop();
    }
  }, 60_000);

  it('production without a metrics section: 404 on the main port', async () => {
    const gw = await startGatewayOnEmulator(seed('metrics-off'));
    try {
      expect((await scrape(gw.url)).status).toBe(404);
      expect((await scrape(gw.url, `Bearer ${TOKEN}`)).status).toBe(404);
      expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    } finally {
      await gw.stop();
    }
  }, 60_000);

  describe('production with metrics.token', () => {
    let gw: GatewayOnEmulator;
    const capture = captureLogger('debug');
    beforeAll(async () => {
      gw = await startGatewayOnEmulator(seed('metrics-token'), {}, { LOG_LEVEL: 'debug' }, {}, { metrics: { token: TOKEN } }, { overrides: { logger: capture.logger } });
    }, 60_000);
    afterAll(() => gw?.stop());

    it('answers 401 without the token or with a wrong one, 200 with it', async () => {
      const none = await scrape(gw.url);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(none.text).not.toContain('gateway_http_requests_total');
      expect((await scrape(gw.url, `Bearer ${TOKEN}x`)).status).toBe(401);
      expect((await scrape(gw.url, `Bearer ${TOKEN.slice(0, -1)}`)).status).toBe(401);
      expect((await scrape(gw.url, `Basic ${TOKEN}`)).status).toBe(401);
      const ok = await scrape(gw.url, `Bearer ${TOKEN}`);
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('gateway_http_requests_total{route="/metrics",method="GET",status="401"}');
    });

    it('never logs the token', () => {
      expect(capture.lines.length).toBeGreaterThan(0);
      expect(capture.text()).not.toContain(TOKEN);
    });
  });

  it('production with metrics.port: served without a token on a second server of the same host, not on the main port; stopped with the gateway', async () => {
    const gw = await startGatewayOnEmulator(seed('metrics-port'), {}, {}, {}, { metrics: { port: 0 } });
    let metricsUrl: string | null = null;
    try {
      metricsUrl = gw.gateway.metricsUrl;
      expect(metricsUrl).not.toBeNull();
      const main = new URL(gw.url);
      const second = new URL(metricsUrl!);
      expect(second.hostname).toBe(main.hostname);
      expect(second.port).not.toBe(main.port);

      const res = await scrape(metricsUrl!);
      expect(res.status).toBe(200);
      expect(res.text).toContain('gateway_http_requests_total');
      expect((await fetch(`${metricsUrl}/graphql`)).status).toBe(404);
      expect((await scrape(gw.url)).status).toBe(404);
      // The main port's traffic is what the second server reports.
      expect((await scrape(metricsUrl!)).text).toContain('gateway_http_requests_total{route="/metrics",method="GET",status="404"}');
    } finally {
      await gw.stop();
    }
    await expect(fetch(`${metricsUrl}/metrics`)).rejects.toThrow();
  }, 60_000);
});
