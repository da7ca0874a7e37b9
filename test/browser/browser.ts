import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
export const RESULTS_DIR = join(ROOT, 'test-results');

/** Every test waits for UI states with this timeout, never with a sleep. */
export const UI_TIMEOUT_MS = 20_000;

/** Debian's Chromium, headless. Fails with what to do when it or the built board is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\``);
  if (!existsSync(join(ROOT, 'dist', 'web', 'index.html'))) throw new Error('dist/web is missing: run `npm run build` before `npm run test:browser`');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** A page and every address it (or any page it opens) asked for: HTTP requests and WebSocket connections. */
export interface RecordedPage {
  page: Page;
  context: BrowserContext;
  urls: string[];
  /** Addresses whose origin is not the gateway's (ws:// of the gateway's host and port counts as the gateway). */
  foreign(gatewayUrl: string): string[];
}

export async function openPage(browser: Browser, width = 1280, height = 900): Promise<RecordedPage> {
  const context = await browser.newContext({ viewport: { width, height } });
  const urls: string[] = [];
  context.on('request', (r) => void urls.push(r.url()));
  context.on('page', (p) => p.on('websocket', (ws) => void urls.push(ws.url())));
  const page = await context.newPage();
  page.on('websocket', (ws) => void urls.push(ws.url()));
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  return {
    page,
    context,
    urls,
    foreign: (gatewayUrl) => {
      const host = new URL(gatewayUrl).host;
      return urls.filter((u) => !u.startsWith('data:') && new URL(u).host !== host);
    },
  };
}

/** Writes `test-results/<name>.png` (the whole page). */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
