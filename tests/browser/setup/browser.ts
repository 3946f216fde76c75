import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../scripts/chromium';

/** Debian's Chromium, headless, with the flags the benchmark uses too (scripts/chromium.ts). */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export const baseUrl = (): string => inject('baseUrl');

export interface AppPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * A fresh context (empty storage) with page errors collected so a test can assert there were none.
 * Returns once the data is in: the sample's dashboard shows earlier, from its snapshot, but most
 * tests are about what the page does with the engine up (tests/browser/firstDashboard.test.ts is not).
 */
export async function openApp(browser: Browser, query = ''): Promise<AppPage> {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl()}/${query}`);
  await page.waitForSelector('.app[data-engine="ready"]', { timeout: 60_000 });
  return { context, page, errors };
}
