import type { Browser, Page } from 'playwright-core';
import { CallDocument, CreateAxbBindingDocument, SimulateCallDocument } from '../generated/graphql';
import { postGraphql } from '../helpers/graphql-client';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { createTempDir } from '../helpers/temp-dir';
import { launchChromium, openPage, screenshot } from './browser';

/** Platform seconds run five times faster: about 1.6 s of ringing, a 10 s call talks for 2 s. */
const SCALE = { SANDBOX_TIME_SCALE: '0.2' };

async function bind(url: string, partyA: string, partyB: string): Promise<string> {
  const { body } = await postGraphql(url, CreateAxbBindingDocument, { input: { partyA, partyB, cityCode: '0755', recordCalls: true } });
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.createAXBBinding.privacyNumber;
}

/** The cursor of the last event of a call, as the gateway stored it. */
async function lastCursor(url: string, sessionId: string): Promise<string> {
  const { body } = await postGraphql(url, CallDocument, { sessionId });
  const events = body.data?.call?.events ?? [];
  if (events.length === 0) throw new Error(`no events for ${sessionId}`);
  return events[events.length - 1].cursor;
}

/** Waits until the live row of the call shows `state` (ringing, answered, ended). */
function liveRow(page: Page, sessionId: string, state: string) {
  return page.locator(`.live tr[data-session="${sessionId}"][data-state="${state}"]`);
}

describe('the live call board in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  describe('on one gateway', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await startTestGateway(SCALE);
    });
    afterAll(() => gw?.stop());

    it('is linked from the landing page, starts empty, and shows a simulated call from ringing to ended and its record, talking only to the gateway', async () => {
      const { page, context, foreign } = await openPage(browser);
      try {
        await page.goto(`${gw.url}/`);
        await page.getByRole('link', { name: 'Live call board' }).click();
        await page.getByTestId('connection').getByText('Live').waitFor();
        await page.getByTestId('empty-state').waitFor();
        await screenshot(page, 'board-empty');

        const x = await bind(gw.url, '+8613800000301', '+8613800000302');
        await page.getByRole('button', { name: 'Use' }).focus(); // keyboard path: the form is reachable
        await page.getByLabel('From').fill('+8613800000301');
        await page.getByLabel('To (privacy number)').selectOption(x);
        await page.getByLabel('Talk seconds').fill('10');
        await page.getByRole('button', { name: 'Simulate call' }).press('Enter');
        const started = await page.getByText(/^Call \S+ started$/).innerText();
        const sessionId = started.split(' ')[1];

        await liveRow(page, sessionId, 'ringing').waitFor();
        await screenshot(page, 'board-ringing');
        await liveRow(page, sessionId, 'answered').waitFor();
        await liveRow(page, sessionId, 'ended').waitFor();
        const row = page.locator(`.live tr[data-session="${sessionId}"]`);
        expect(await row.innerText()).toContain('+8613800000302');

        const record = page.locator(`.records tr[data-session="${sessionId}"][data-record="yes"]`);
        await record.waitFor();
        expect(await record.innerText()).toMatch(/The user releases the call\. \(0\)/);
        expect(await record.innerText()).toMatch(/0:1\d/);
        await record.getByRole('button', { name: /recording/i }).click();
        const link = record.getByTestId('recording-link');
        await link.waitFor();
        const href = (await link.getAttribute('href'))!;
        expect(href).toMatch(/\.wav/);
        const wav = await fetch(href);
        expect({ status: wav.status, type: wav.headers.get('content-type') }).toEqual({ status: 200, type: 'audio/wav' });
        await page.getByTestId('chart-summary').getByText(/^1 call, 100% answered$/).waitFor();
        await screenshot(page, 'board-1280-ended');

        await page.setViewportSize({ width: 390, height: 844 });
        await screenshot(page, 'board-390');
        // Readable at phone width: wide tables scroll inside their panel, the page itself does not.
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
        expect(foreign(gw.url)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  it('survives a gateway restart: reconnects on the same port and resumes callEvents from its cursor', async () => {
    const dir = await createTempDir('pn-board-restart-');
    let gw: TestGateway | undefined;
    const { page, context, foreign } = await openPage(browser);
    try {
      gw = await startTestGateway({ ...SCALE, DATA_DIR: dir.path });
      const port = new URL(gw.url).port;
      const x = await bind(gw.url, '+8613800000401', '+8613800000402');
      await page.goto(`${gw.url}/board`);
      await page.getByTestId('connection').getByText('Live').waitFor();
      const first = (await postGraphql(gw.url, SimulateCallDocument, { input: { from: '+8613800000401', to: x, talkSeconds: 2 } })).body.data!.simulateCall.sessionId;
      await liveRow(page, first, 'ended').waitFor();
      const cursor = await lastCursor(gw.url, first);

      await gw.stop();
      gw = undefined;
      await page.getByTestId('connection').getByText(/Reconnecting/).waitFor();
      await screenshot(page, 'board-reconnecting');

      gw = await startTestGateway({ ...SCALE, DATA_DIR: dir.path, PORT: port });
      await page.getByTestId('connection').getByText(`Live · resumed from cursor ${cursor}`).waitFor();
      // The new gateway's emulator starts empty: bind again, then a call shows up live on the resumed stream.
      const y = await bind(gw.url, '+8613800000501', '+8613800000502');
      const second = (await postGraphql(gw.url, SimulateCallDocument, { input: { from: '+8613800000501', to: y, talkSeconds: 2 } })).body.data!.simulateCall.sessionId;
      await liveRow(page, second, 'ended').waitFor();
      await screenshot(page, 'board-resumed');
      expect(foreign(gw.url)).toEqual([]);
    } finally {
      await context.close();
      await gw?.stop();
      await dir.remove();
    }
  });
});
