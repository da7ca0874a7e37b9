import type { Browser } from 'playwright-core';
import { PrivacyNumberDocument, SimulateNumberStatusDocument } from '../generated/graphql';
import { postGraphql } from '../helpers/graphql-client';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { launchChromium, openPage, screenshot, UI_TIMEOUT_MS } from './browser';

const NUMBER = '+8617000000003';

/** Polls the stored status (the push is handled asynchronously after simulateNumberStatus answers). */
async function waitForStatus(url: string, number: string, status: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    const { body } = await postGraphql(url, PrivacyNumberDocument, { number });
    if (body.data?.privacyNumber?.status === status) return;
    if (Date.now() > deadline) throw new Error(`${status} was not stored: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50)); // polling interval, not a wait for an outcome
  }
}

describe('GraphiQL in Chromium', () => {
  let browser: Browser;
  let gw: TestGateway;
  beforeAll(async () => {
    browser = await launchChromium();
    gw = await startTestGateway({ SANDBOX_TIME_SCALE: '0.05' });
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });

  it('runs the default query and a subscription over graphql-ws, loading nothing from another host', async () => {
    const { page, foreign, context } = await openPage(browser);
    try {
      await page.goto(`${gw.url}/graphql`);
      const run = page.locator('.graphiql-execute-button');
      await run.click();
      const response = page.locator('.graphiql-response');
      await response.getByText('sandbox-axyb').waitFor();
      await screenshot(page, 'graphiql-query');

      // The push is stored first; the subscription, with after: "0", replays it over graphql-ws.
      const sent = await postGraphql(gw.url, SimulateNumberStatusDocument, { number: NUMBER, status: 'SUSPENDED', cause: '2' });
      expect(sent.body.errors).toBeUndefined();
      await waitForStatus(gw.url, NUMBER, 'SUSPENDED');
      await page.locator('.graphiql-query-editor .CodeMirror').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText('subscription NumberStatus { numberStatusChanged(app: "sandbox-ax", after: "0") { number status statusCause } }');
      // GraphiQL picks up the new operation name after a short debounce; a run before it names the old one.
      for (let attempt = 1; ; attempt++) {
        await run.click();
        const outcome = response.getByText('SUSPENDED').or(response.getByText('Unknown operation named'));
        await outcome.first().waitFor();
        if (await response.getByText('SUSPENDED').isVisible()) break;
        if (attempt === 5) throw new Error('GraphiQL kept running the previous operation');
      }
      await screenshot(page, 'graphiql-subscription');
      expect(await response.innerText()).toContain(NUMBER);
      expect(foreign(gw.url)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
